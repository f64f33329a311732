// Each of the blog's caches is named after its namespace (lib/blog-cache/caches.ts): `post` is
// cache:post, `userPage` is cache:user-page, so a key seen in Redis leads to the code.
import { describe, expect, it } from "vitest";
import { caches } from "@/lib/blog-cache/caches";

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

describe("the blog's caches", () => {
  it.each(Object.entries(caches()))("%s is cache:<its name>", (name, cache) => {
    expect(cache.namespace).toBe(`cache:${kebab(name)}`);
  });
});
