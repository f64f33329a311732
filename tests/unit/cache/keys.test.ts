import { describe, expect, it } from "vitest";
import { Keys, shortHash } from "@/lib/cache/keys";

describe("keys", () => {
  it("names every key under the namespace", () => {
    const keys = new Keys("cache:api");
    expect(keys.value("post:42")).toBe("cache:api:post:42");
    expect(keys.lock("post:42")).toBe("cache:api:lock:post:42");
    expect(keys.stats()).toBe("cache:api:stats");
    expect(keys.memoVersion("getStats")).toBe("cache:api:memo:getStats:version");
    expect(keys.memoEntry("getStats", "3", "[42]")).toBe(`memo:getStats:v3:${shortHash("[42]")}`);
  });

  it("escapes glob characters so SCAN matches the namespace literally", () => {
    expect(new Keys("a*b?[c]\\d").pattern()).toBe("a\\*b\\?\\[c\\]\\\\d:*");
  });
});
