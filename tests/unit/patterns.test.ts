import { existsSync } from "node:fs";
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

describe("the files /patterns names", () => {
  // Each entry is a path, then what to look for in it ("lib/blog/invalidation/ (postCreated)").
  it("exist, so a reader who opens one finds it", () => {
    const named = patterns.flatMap((p) => p.files.map((file) => file.split(" ")[0]));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((file) => !existsSync(file))).toEqual([]);
  });
});
