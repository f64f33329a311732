import { describe, expect, it } from "vitest";
import { Keys } from "@/lib/cache/keys";

describe("keys", () => {
  it("names every key under the namespace", () => {
    const keys = new Keys("cache:api");
    expect(keys.value("post:42")).toBe("cache:api:post:42");
    expect(keys.lock("post:42")).toBe("cache:api:lock:post:42");
    expect(keys.stats()).toBe("cache:api:stats");
    expect(keys.memoVersion("getStats")).toBe("cache:api:memo:version:{getStats}");
    // The first 22 characters of base64url(sha256("[42]")), worked out apart from the code:
    // printf '[42]' | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | cut -c1-22
    expect(keys.memoEntry("getStats", "3", "[42]")).toBe(
      "memo:{getStats}:v3:uGseoRsoE2_lIkudHjAXt-",
    );
    expect(keys.memoEntry("getStats", "3", "[43]")).not.toBe(
      keys.memoEntry("getStats", "3", "[42]"),
    );
  });

  it("keeps tag generations under a prefix of their own, apart from the tags' lists", () => {
    const keys = new Keys("cache:feed");
    expect(keys.generation("pages")).toBe("cache:feed:gen:pages");
    expect(keys.generation("pages").startsWith(keys.generationPrefix())).toBe(true);
    expect(keys.tag("pages").startsWith(keys.generationPrefix())).toBe(false);
    expect(keys.memoVersion("pages").startsWith(keys.generationPrefix())).toBe(false);
  });

  // Redis Cluster's rule: a key's slot is the hash of the text between its first "{" and the
  // first "}" after it, when that is not empty; otherwise of the whole key.
  const hashTagOf = (key: string) => key.match(/^[^{]*\{([^}]+)\}/)?.[1] ?? key;

  it.each([
    ["cache:api", "getStats"],
    ["cache:api", "odd}name"],
    ["cache:api", "odd{name"],
    ["cache{api}", "getStats"],
  ])("puts a memoized function's version and entries in one hash slot (%s, %s)", (ns, name) => {
    const keys = new Keys(ns);
    const version = hashTagOf(keys.memoVersion(name));
    expect(hashTagOf(keys.value(keys.memoEntry(name, "3", "[42]")))).toBe(version);
    expect(hashTagOf(keys.value(keys.memoEntry(name, "4", "[43]")))).toBe(version);
  });

  it("spreads different memoized functions over slots", () => {
    const keys = new Keys("cache:api");
    expect(hashTagOf(keys.memoVersion("getPost"))).toBe("getPost");
    expect(hashTagOf(keys.memoVersion("getUser"))).toBe("getUser");
  });

  it("escapes glob characters so SCAN matches the namespace literally", () => {
    expect(new Keys("a*b?[c]\\d").pattern()).toBe("a\\*b\\?\\[c\\]\\\\d:*");
  });
});
