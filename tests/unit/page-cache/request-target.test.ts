import { describe, expect, it } from "vitest";
import { targetOf } from "@/lib/page-cache/request";

// targetOf parses no URL for a plain path; what it gives must be what `new URL` reads, or a page
// would be stored or found under another key than the one its path names.
const TARGETS = [
  "/",
  "/?page=2",
  "/posts/hello-world",
  "/posts/hello-world/",
  "/posts/hello-world?x=1&x=2&_rsc=abc",
  "/u/Some_User~1",
  "/search?q=a+b%20c&page=",
  "/?",
  "/posts/../admin",
  "/posts/./x",
  "/a//b",
  "//evil.example/x",
  "/posts/%68ello",
  "/posts/é",
  "/posts/a\\b",
  "/favicon.ico",
  "/posts/x#fragment",
  "/posts/x?q=#frag",
];

describe("targetOf", () => {
  it.each(TARGETS)("reads %s as new URL does", (target) => {
    const parsed = new URL(target, "http://page-cache");
    const got = targetOf(target);
    expect(got.pathname).toBe(parsed.pathname);
    expect([...got.searchParams]).toEqual([...parsed.searchParams]);
  });

  it("stays linear on a long path that is not plain", () => {
    // A nested quantifier over optional separators backtracks exponentially on such a path.
    const target = `/${"a".repeat(50_000)}!`;
    expect(targetOf(target).pathname).toBe(target);
  });
});
