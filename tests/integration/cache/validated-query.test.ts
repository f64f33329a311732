// The API's cached routes key on the parameters they accept: random extra parameters, a
// favourite way to fill a cache, all land on one entry.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { GET as listPosts } from "@/app/api/posts/route";
import { GET as getUser } from "@/app/api/users/[id]/route";
import { redis } from "@/lib/platform/redis";
import { deleteUsers, makeUser } from "@/tests/helpers/factories";
import { deleteByPattern, keysMatching as scanMatching } from "@/tests/helpers/redis";

const junk = () => randomBytes(6).toString("hex");
// By SCAN, not KEYS: on a Cluster KEYS would ask one master of three.
const keysMatching = (pattern: string) => scanMatching(redis(), pattern);

afterAll(async () => {
  await deleteByPattern(redis(), "cache:api:posts:*");
  await deleteByPattern(redis(), "cache:api:users:*");
});

describe("cache keys of /api/posts and /api/users/:id", () => {
  it("50 requests with random junk parameters make one /api/posts entry", async () => {
    const limit = 3 + (Date.now() % 40); // a limit no other test caches
    const before = new Set(await keysMatching("cache:api:posts:*"));
    for (let i = 0; i < 50; i += 1) {
      const response = await listPosts(
        new Request(`http://blog.test/api/posts?limit=${limit}&junk=${junk()}`),
        undefined,
      );
      expect(response.status).toBe(200);
    }
    const added = (await keysMatching("cache:api:posts:*")).filter((key) => !before.has(key));
    expect(added).toHaveLength(1);
  });

  it("a refused query is answered 400 and stores nothing", async () => {
    const before = (await keysMatching("cache:api:posts:*")).length;
    const response = await listPosts(
      new Request(`http://blog.test/api/posts?limit=500&junk=${junk()}`),
      undefined,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toHaveProperty("limit");
    expect((await keysMatching("cache:api:posts:*")).length).toBe(before);
  });

  it("/api/users/:id: junk and an omitted default share the entry of ?posts=false", async () => {
    const user = await makeUser();
    try {
      const context = () => ({ params: Promise.resolve({ id: String(user.id) }) });
      const first = await getUser(
        new Request(`http://blog.test/api/users/${user.id}?posts=false`),
        context(),
      );
      expect(first.headers.get("X-Cache")).toBe("MISS");
      for (const query of ["", `?junk=${junk()}`, `?posts=false&x=${junk()}`]) {
        const again = await getUser(
          new Request(`http://blog.test/api/users/${user.id}${query}`),
          context(),
        );
        expect(again.headers.get("X-Cache")).toBe("HIT");
      }
      expect(await keysMatching(`cache:api:users:/api/users/${user.id}:*`)).toHaveLength(1);
    } finally {
      await deleteUsers(user.id);
    }
  });
});
