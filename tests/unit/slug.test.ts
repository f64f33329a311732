import { describe, expect, it } from "vitest";
import { excerptOf, slugify, uniqueSlug } from "@/lib/domains/posts/slug";
import { safeNextPath } from "@/lib/http/safe-next";

describe("slugs and excerpts", () => {
  it("slugifies titles, accents and symbols included", () => {
    expect(slugify("  Héllo, World! Redis & Postgres  ")).toBe("hello-world-redis-postgres");
    expect(slugify("!!!")).toBe("post");
    expect(slugify("'; DROP TABLE posts; --")).toBe("drop-table-posts");
  });

  it("makes unique slugs from the same title", () => {
    expect(uniqueSlug("Same")).not.toBe(uniqueSlug("Same"));
    expect(uniqueSlug("Same")).toMatch(/^same-[0-9a-f]{6}$/);
  });

  it("excerpts plain text from markdown, cut at a word", () => {
    expect(excerptOf("## Head\n\nSome **bold** [link](https://x.y) text")).toBe(
      "Head Some bold link text",
    );
    const long = excerptOf("word ".repeat(100), 20);
    expect(long.endsWith("…")).toBe(true);
    expect(long.length).toBeLessThanOrEqual(21);
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/posts/new", "/posts/new"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/search?q=a#top", "/search?q=a#top"],
    ["", "/"],
    // Dot segments are resolved first: what is left must not start with "//".
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["/%2e//evil.example", "/"],
    ["/..//..//evil.example/x", "/"],
    ["/posts/./new", "/posts/new"],
  ])("%j → %j", (input, expected) => expect(safeNextPath(input)).toBe(expected));

  // Applied once, the result is a path a browser resolves on this site, and applying it again
  // changes nothing: it is safe without the second pass the sign-in action happens to make.
  it.each([
    "/.//evil.example",
    "/.\\/evil.example",
    "/a/.././/evil.example?x=1#y",
    "/./%2F/evil.example",
    "/x/%2e%2e//evil.example",
  ])("%j stays on this site after one pass", (input) => {
    const once = safeNextPath(input);
    expect(once.startsWith("//")).toBe(false);
    expect(new URL(once, "https://blog.example").origin).toBe("https://blog.example");
    expect(safeNextPath(once)).toBe(once);
  });
});
