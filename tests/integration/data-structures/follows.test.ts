import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, POST } from "@/app/api/users/[id]/follow/route";
import { memberPartsKey } from "@/lib/blog/member-parts";
import { getSidebarHtml } from "@/lib/blog/sidebar";
import { caches } from "@/lib/blog-cache/caches";
import { recentActivity } from "@/lib/domains/activity";
import { createApiKey } from "@/lib/domains/api-keys";
import { follow, followCounts, isFollowing, unfollow } from "@/lib/domains/follows";
import { followersKey, followingKey } from "@/lib/domains/follows/keys";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { AppError } from "@/lib/platform/errors";
import { withAppRedisDown } from "../../helpers/app-redis-down";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();
let [fan, star, other]: PublicUser[] = [];
beforeAll(async () => {
  [fan, star, other] = [await makeUser(), await makeUser({ name: "Star" }), await makeUser()];
});
afterAll(async () => {
  await deleteUsers(fan.id, star.id, other.id);
  redis.disconnect();
});

const rows = (followerId: number, followeeId: number) =>
  db.follow.count({ where: { followerId, followeeId } });
const members = async (key: string) => (await redis.smembers(key)).sort();

describe("followers: Postgres is the truth, Redis sets mirror it", () => {
  it("follows once however often asked, mirrors both sets and counts them", async () => {
    expect(await followCounts(star.id)).toEqual({ followers: 0, following: 0 });
    await followCounts(fan.id);
    expect(await follow(fan, star.id)).toEqual({ following: true, followers: 1 });
    expect(await follow(fan, star.id)).toEqual({ following: true, followers: 1 });
    expect(await rows(fan.id, star.id)).toBe(1);
    expect(await members(followersKey(star.id))).toEqual([String(fan.id), "_"].sort());
    expect(await members(followingKey(fan.id))).toEqual([String(star.id), "_"].sort());
    expect(await followCounts(fan.id)).toEqual({ followers: 0, following: 1 });
    expect(await isFollowing(fan.id, star.id)).toBe(true);
    expect(await isFollowing(star.id, fan.id)).toBe(false);

    expect(await unfollow(fan, star.id)).toEqual({ following: false, followers: 0 });
    expect(await unfollow(fan, star.id)).toEqual({ following: false, followers: 0 });
    expect(await rows(fan.id, star.id)).toBe(0);
    expect(await members(followersKey(star.id))).toEqual(["_"]);
    expect(await isFollowing(fan.id, star.id)).toBe(false);
  });

  it("rebuilds a lost set from Postgres, and never brings it back partial", async () => {
    await follow(other, star.id);
    // One DEL per key: on a Cluster the two sets may live in different slots.
    for (const key of [followersKey(star.id), followingKey(fan.id)]) await redis.del(key);
    // Followed while the sets are missing: the answer's count rebuilds star's set, whole.
    expect(await follow(fan, star.id)).toEqual({ following: true, followers: 2 });
    expect(await redis.exists(followingKey(fan.id))).toBe(0);
    expect(await followCounts(star.id)).toEqual({ followers: 2, following: 0 });
    expect(await members(followersKey(star.id))).toEqual(
      [String(fan.id), String(other.id), "_"].sort(),
    );
    expect(await redis.ttl(followersKey(star.id))).toBeGreaterThan(0);
    expect(await isFollowing(fan.id, star.id)).toBe(true);
    await unfollow(other, star.id);
    await unfollow(fan, star.id);
  });

  it("refuses to follow yourself or an unknown user, changing nothing", async () => {
    const before = await followCounts(fan.id);
    await expect(follow(fan, fan.id)).rejects.toMatchObject({
      status: 400,
      message: "You can't follow yourself.",
    });
    await expect(unfollow(fan, fan.id)).rejects.toBeInstanceOf(AppError);
    await expect(follow(fan, 2_000_000_000)).rejects.toMatchObject({
      status: 404,
      message: "That user was not found.",
    });
    expect(await rows(fan.id, fan.id)).toBe(0);
    expect(await followCounts(fan.id)).toEqual(before);
    expect(await redis.sismember(followingKey(fan.id), fan.id)).toBe(0);
  });

  it("updates the follower's activity and cached sidebar", async () => {
    await getSidebarHtml(fan);
    await recentActivity(fan.id);
    expect(await caches().fragment.has(memberPartsKey(fan.id))).toBe(true);
    await follow(fan, star.id);
    expect(await caches().fragment.has(memberPartsKey(fan.id))).toBe(false);
    const { entries, counts } = await recentActivity(fan.id);
    expect(entries[0]).toMatchObject({ type: "followed", user: { id: star.id, name: "Star" } });
    expect(counts.followed).toBe(1);
    expect(await getSidebarHtml(fan)).toContain('Followed <a href="/u/');
    await unfollow(fan, star.id);
    const after = await recentActivity(fan.id);
    expect(after.entries.some((e) => e.type === "followed" && e.user.id === star.id)).toBe(false);
    expect(after.counts.followed).toBe(0);
  });
});

describe("POST/DELETE /api/users/:id/follow", () => {
  const call = (handler: typeof POST, id: string | number, key: string) =>
    handler(
      new Request(`http://blog.test/api/users/${id}/follow`, {
        method: "POST",
        headers: { "x-api-key": key },
      }),
      {
        params: Promise.resolve({ id: String(id) }),
      },
    );

  it("follows and unfollows with an API key, idempotently, with clear errors", async () => {
    const { token } = await createApiKey(fan.id, {
      name: `follow test ${randomBytes(2).toString("hex")}`,
    });
    for (let i = 0; i < 2; i++) {
      const response = await call(POST, star.id, token);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ following: true, followers: 1 });
    }
    const self = await call(POST, fan.id, token);
    expect(self.status).toBe(400);
    expect((await self.json()).error.message).toBe("You can't follow yourself.");
    expect((await call(POST, 2_000_000_000, token)).status).toBe(404);
    expect((await call(POST, "nobody", token)).status).toBe(404);
    expect((await call(POST, star.id, "blog_bad_key")).status).toBe(401);
    const gone = await call(DELETE, star.id, token);
    expect(gone.status).toBe(200);
    expect(await gone.json()).toEqual({ following: false, followers: 0 });
    expect(await rows(fan.id, star.id)).toBe(0);
  });
});

describe("counts with Redis away", () => {
  it("are counted in Postgres", async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    try {
      await follow(a, b.id);
      await follow(b, a.id);
      await follow(a, other.id);
      const counts = await withAppRedisDown(() => followCounts(a.id));
      expect(counts).toEqual({ followers: 1, following: 2 });
    } finally {
      await deleteUsers(a.id, b.id);
    }
  });
});
