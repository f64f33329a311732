import { describe, expect, it } from "vitest";
import { namespaceOf, namespacePattern } from "@/lib/admin/namespaces";

describe("namespaceOf", () => {
  it.each([
    ["cache:feed:page:1", "cache:feed"],
    ["cache:user-page:dashboard:user:3", "cache:user-page"],
    ["cache:post:memo:getPost:v2:abc", "cache:post"],
    ["cache:post:memo:{getPost}:v2:abc", "cache:post"],
    ["cache:post:memo:version:{getPost}", "cache:post"],
    ["cache:api:stats", "cache:api"],
    ["rl:api:{ip:127.0.0.1}", "rl:api"],
    ["views:pending:{42}", "views:pending"],
    ["sessions:user:7", "sessions:user"],
    ["session:Zk3x9QeLr2", "session"],
    ["lb:authors", "lb"],
    ["views:dirty", "views"],
    ["analytics:pages:2026-11-26", "analytics:pages"],
    ["followers:12", "followers"],
    ["plain", "plain"],
    ["42:feed:x", "42:feed"],
    ["user:123:profile", "user"],
    [":leading", "(empty)"],
  ])("%s → %s", (key, namespace) => {
    expect(namespaceOf(key)).toBe(namespace);
  });
});

describe("namespacePattern", () => {
  it("matches the namespace literally", () => {
    expect(namespacePattern("cache:feed")).toBe("cache:feed:*");
    expect(namespacePattern("odd*[ns]?\\")).toBe("odd\\*\\[ns\\]\\?\\\\:*");
  });
});
