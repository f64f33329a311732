import { describe, expect, it } from "vitest";
import { patternOf, patterns } from "@/lib/blog/patterns";

describe("patternOf (the trace panel's Pattern column)", () => {
  it.each([
    ["cache:feed", "page:1", "Cache-aside"],
    ["cache:comment", "post:7", "Cache-aside"],
    ["cache:post", "memo:{getPost}:v0:abc", "Read-through (memoize)"],
    ["cache:user", "memo:{getUser}:v3:abc", "Read-through (memoize)"],
    ["cache:unknown", "x", "cache:unknown"],
  ])("names %s %s as %s", (namespace, key, name) => {
    expect(patternOf(namespace, key)).toBe(name);
  });

  it("gives each namespace one pattern", () => {
    const namespaces = patterns.flatMap((p) => p.namespaces ?? []);
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });
});
