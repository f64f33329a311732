// Clearing, against a private redis-server so that every key in it is ours: a namespace clear
// takes that namespace only; "every cache" takes every cache namespace (in its own DB too) and
// nothing else; sessions and rate-limit windows go only when chosen, each on its own.
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearForAdmin, type Deps } from "@/lib/admin/operations";
import { type Cache, createCache } from "@/lib/cache";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { AppError } from "@/lib/platform/errors";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { PrivateRedis } from "../../helpers/private-redis";
import { patient } from "../../helpers/redis";

const server = new PrivateRedis();
let client: Redis;
let otherDb: Redis;
let cacheList: Cache[];
let deps: Deps;
let admin: PublicUser;
let reader: PublicUser;

const OTHER_KEYS = [
  "session:s1",
  "session:s2",
  "sessions:user:1",
  "rl:api:{ip:1.2.3.4}",
  "rl:search:{user:1}",
  "views:pending:{9}",
  "lb:authors",
];

async function allKeys(redis: Redis): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== "0");
  return found.sort();
}

beforeAll(async () => {
  await server.start();
  client = new Redis({ port: server.port, host: "127.0.0.1" });
  otherDb = new Redis({ port: server.port, host: "127.0.0.1", db: 1 });
  cacheList = [
    createCache({ redis: client, namespace: "cache:feed", ...patient }),
    createCache({ redis: client, namespace: "cache:post", ...patient }),
    createCache({ redis: client, namespace: "cache:static", db: 1, ...patient }),
  ];
  deps = { caches: cacheList, client };
  const [a, r] = await Promise.all([makeUser(), makeUser()]);
  await db.user.update({ where: { id: a.id }, data: { role: "ADMIN" } });
  admin = { ...a, role: "ADMIN" };
  reader = r;
});

afterAll(async () => {
  await Promise.all(cacheList.map((cache) => cache.close()));
  client.disconnect();
  otherDb.disconnect();
  await server.stop();
  await deleteUsers(admin.id, reader.id);
});

beforeEach(async () => {
  await client.flushall();
  const [feed, post, staticCache] = cacheList;
  await feed.setMany({ "page:1": [1], "page:2": [2], "page:3": [3] });
  await feed.getOrSet("page:1", async () => []); // a hit: statistics to keep
  await feed.flushStats();
  await post.setMany({ "post:1": { id: 1 }, "post:2": { id: 2 } });
  await staticCache.set("about", "<h1>About</h1>");
  for (const key of OTHER_KEYS) await client.set(key, "x", "EX", 600);
});

const auditOf = (actorId: number) =>
  db.adminAction.findMany({ where: { actorId }, orderBy: { id: "asc" } });

describe("clearForAdmin", () => {
  it("clears one namespace and nothing else, keeps its statistics, and records who did it", async () => {
    const before = await auditOf(admin.id);
    const startedAt = Date.now();
    const cleared = await clearForAdmin(
      admin,
      { target: "cache:feed", confirm: "cache:feed" },
      deps,
    );
    const endedAt = Date.now();
    expect(cleared).toEqual({
      target: "cache:feed",
      removed: 3,
      namespaces: [{ namespace: "cache:feed", removed: 3 }],
    });
    expect(await allKeys(client)).toEqual(
      ["cache:feed:stats", "cache:post:post:1", "cache:post:post:2", ...OTHER_KEYS].sort(),
    );
    expect(await allKeys(otherDb)).toEqual(["cache:static:about"]);
    expect((await cacheList[0].stats())?.hits).toBe(1);

    const rows = (await auditOf(admin.id)).slice(before.length);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorName: admin.username,
      action: "cache.clear",
      target: "cache:feed",
      details: cleared,
    });
    // Recorded during the call (a millisecond either side for rounding to the column's precision).
    expect(rows[0].createdAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1);
    expect(rows[0].createdAt.getTime()).toBeLessThanOrEqual(endedAt + 1);
  });

  it("clears every cache namespace, in every DB, and leaves sessions, rate limits and the rest", async () => {
    const cleared = await clearForAdmin(
      admin,
      { target: "all-caches", confirm: "all-caches" },
      deps,
    );
    expect(cleared.removed).toBe(6);
    expect(cleared.namespaces).toEqual([
      { namespace: "cache:feed", removed: 3 },
      { namespace: "cache:post", removed: 2 },
      { namespace: "cache:static", removed: 1 },
    ]);
    expect(await allKeys(client)).toEqual(["cache:feed:stats", ...OTHER_KEYS].sort());
    expect(await allKeys(otherDb)).toEqual([]);
  });

  it("clears rate-limit windows or sessions only when that is the choice, each alone", async () => {
    const limits = await clearForAdmin(
      admin,
      { target: "rate-limit", confirm: "rate-limit" },
      deps,
    );
    expect(limits.removed).toBe(2);
    let left = await allKeys(client);
    expect(left.filter((key) => key.startsWith("rl:"))).toEqual([]);
    expect(left).toEqual(
      expect.arrayContaining([
        "session:s1",
        "sessions:user:1",
        "cache:feed:page:1",
        "views:pending:{9}",
      ]),
    );

    const sessions = await clearForAdmin(admin, { target: "sessions", confirm: "sessions" }, deps);
    expect(sessions.namespaces).toEqual([
      { namespace: "session", removed: 2 },
      { namespace: "sessions:user", removed: 1 },
    ]);
    left = await allKeys(client);
    expect(left.filter((key) => key.startsWith("session"))).toEqual([]);
    expect(left).toEqual(
      expect.arrayContaining([
        "cache:feed:page:1",
        "cache:post:post:1",
        "views:pending:{9}",
        "lb:authors",
      ]),
    );
  });

  it("refuses without the typed confirmation, an unknown target, and anyone but an admin", async () => {
    const before = await allKeys(client);
    const audit = () => db.adminAction.count({ where: { actorId: { in: [admin.id, reader.id] } } });
    const auditBefore = await audit();
    const refusal = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    };
    expect(
      (await refusal(clearForAdmin(admin, { target: "cache:feed", confirm: "cache:post" }, deps)))
        .fields,
    ).toHaveProperty("confirm");
    expect(
      (await refusal(clearForAdmin(admin, { target: "cache:feed" }, deps))).fields,
    ).toHaveProperty("confirm");
    expect(
      (await refusal(clearForAdmin(admin, { target: "*", confirm: "*" }, deps))).fields,
    ).toHaveProperty("target");
    expect(
      (await refusal(clearForAdmin(admin, { target: "session:s1", confirm: "session:s1" }, deps)))
        .fields,
    ).toHaveProperty("target");
    expect(
      (await refusal(clearForAdmin(reader, { target: "cache:feed", confirm: "cache:feed" }, deps)))
        .code,
    ).toBe("forbidden");
    expect(
      (
        await refusal(
          clearForAdmin(
            null as unknown as PublicUser,
            { target: "cache:feed", confirm: "cache:feed" },
            deps,
          ),
        )
      ).code,
    ).toBe("unauthorized");
    expect(await allKeys(client)).toEqual(before);
    expect(await audit()).toBe(auditBefore);
  });
});
