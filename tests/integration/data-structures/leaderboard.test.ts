import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/leaderboard/route";
import { ensureAuthorScores, getLeaderboard, getTrendingToday } from "@/lib/domains/leaderboard";
import { AUTHORS_KEY, trendingKey } from "@/lib/domains/leaderboard/keys";
import { createPost } from "@/lib/domains/posts/mutations";
import type { PublicUser } from "@/lib/domains/users/queries";
import { recordView } from "@/lib/domains/view-counts/counter";
import { viewKeys } from "@/lib/domains/view-counts/keys";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";
import { withAppRedisDown } from "../../helpers/app-redis-down";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { ownSite } from "../../helpers/own-site";
import { testRedis } from "../../helpers/redis";

// The board is one sorted set for the whole site: this file has a site of its own (a new
// database and a private Redis), so deleting the board disturbs no other file. Each test makes
// its own authors and asserts about them, in whatever order the tests run.
const site = await ownSite("leaderboard");
const redis = testRedis({}, site.redisUrl);
afterAll(() => redis.disconnect());

const article = (title: string) => ({ title, content: "An article that people read and count." });
const views = async (post: { id: number; authorId: number }, n: number) => {
  for (let i = 0; i < n; i++) await recordView(post);
};
const score = async (userId: number) => Number(await redis.zscore(AUTHORS_KEY, userId));
const boardResult = (trace: { operations: { key: string; result: string }[] }) =>
  trace.operations.find((op) => op.key === AUTHORS_KEY)?.result;
/** An author with one published article that has been read `n` times, each view on the board. */
const authorWithViews = async (n: number, name = "Test User"): Promise<PublicUser> => {
  await getLeaderboard(1); // the board exists: views are added to it (a missing one counts none)
  const author = await makeUser({ name });
  await views(await createPost(author.id, article(`By ${name}`)), n);
  return author;
};

describe("leaderboard: authors by views", () => {
  it("raises the author's score on every counted view and ranks the signed-in reader", async () => {
    await getLeaderboard(1);
    const [reader, busy, quiet] = [
      await makeUser(),
      await makeUser({ name: "Busy Author" }),
      await makeUser({ name: "Quiet Author" }),
    ];
    const [a, b] = [
      await createPost(busy.id, article("Busy one")),
      await createPost(quiet.id, article("Quiet one")),
    ];
    await views(a, 7);
    await views(b, 2);
    expect(await score(busy.id)).toBe(7);
    expect(await score(quiet.id)).toBe(2);
    const [busyBoard, quietBoard] = [
      await getLeaderboard(10, busy.id),
      await getLeaderboard(10, quiet.id),
    ];
    expect(busyBoard.you!.score).toBe(await score(busy.id));
    expect(busyBoard.you!.rank).toBeLessThan(quietBoard.you!.rank);
    expect((await getLeaderboard(10, reader.id)).you).toBeNull();
  });

  it("rebuilds itself from Postgres (flushed and pending views) after its key is deleted", async () => {
    const busy = await makeUser({ name: "Busy Author" });
    await getLeaderboard(1);
    const post = await createPost(busy.id, article("Read after a loss"));
    await views(post, 12); // 10 flushed to Postgres, 2 pending in Redis
    // The 10th view's flush runs in the background: let it land, so nothing is in flight and the
    // views are split between Postgres and the pending counter.
    const settled = async () =>
      (await redis.exists(viewKeys(post.id).flushing)) === 0 &&
      (await db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount >= 10;
    await expect.poll(settled).toBe(true);
    const expected = await score(busy.id);
    await redis.del(AUTHORS_KEY);
    await views(post, 1); // counted while the board is missing: not written into a partial set
    expect(await redis.exists(AUTHORS_KEY)).toBe(0);
    const { value, trace } = await traced(() => getLeaderboard(10, busy.id));
    expect(boardResult(trace)).toBe("missing: rebuilt");
    expect(value.source).toBe("redis");
    expect(value.you!.score).toBe(expected + 1);
    expect(await redis.ttl(AUTHORS_KEY)).toBeGreaterThan(0);
  });

  it("is rebuilt once under 20 concurrent readers: the others wait for it", async () => {
    const busy = await authorWithViews(5, "Busy Author");
    await redis.del(AUTHORS_KEY);
    const { value: outcomes, trace } = await traced(() =>
      Promise.all(Array.from({ length: 20 }, () => ensureAuthorScores())),
    );
    expect(outcomes.filter((o) => o === "rebuilt")).toHaveLength(1);
    expect(outcomes.every((o) => ["rebuilt", "waited", "present"].includes(o))).toBe(true);
    // One rebuild's statements (the sums, and the authors of pending views), not 20 of them.
    expect(trace.sql).toBeLessThanOrEqual(2);
    const boards = await Promise.all(Array.from({ length: 20 }, () => getLeaderboard(5, busy.id)));
    expect(new Set(boards.map((b) => JSON.stringify(b.you))).size).toBe(1);
  });

  it("fetches the users behind the top N in one query", async () => {
    await authorWithViews(4);
    await authorWithViews(3);
    await getLeaderboard(10);
    const { value, trace } = await traced(() => getLeaderboard(10));
    expect(value.entries.length).toBeGreaterThanOrEqual(2);
    expect(value.entries.map((e) => e.rank)).toEqual(value.entries.map((_, i) => i + 1));
    expect(value.entries.every((e) => e.user.username && e.user.name)).toBe(true);
    expect(trace.sql).toBe(1);
  });

  it("drops a deleted author from the board and ranks the rest without a gap", async () => {
    const leaver = await makeUser();
    await getLeaderboard(1);
    await redis.zadd(AUTHORS_KEY, 1e12, leaver.id); // far ahead of everyone
    await deleteUsers(leaver.id);
    const board = await getLeaderboard(10);
    expect(board.entries.some((e) => e.user.id === leaver.id)).toBe(false);
    expect(board.entries.map((e) => e.rank)).toEqual(board.entries.map((_, i) => i + 1));
    expect(await redis.zscore(AUTHORS_KEY, leaver.id)).toBeNull();
  });

  it("reads the ranking from Postgres while Redis is unreachable", async () => {
    const busy = await authorWithViews(6, "Busy Author");
    expect(await score(busy.id)).toBe(6);
    const inRedis = await getLeaderboard(10, busy.id);
    const board = await withAppRedisDown(() => getLeaderboard(10, busy.id));
    expect(board.source).toBe("postgres");
    expect(board.you!.rank).toBeGreaterThan(0);
    expect(board.entries.length).toBe(inRedis.entries.length);
    expect(board.entries.every((e, i) => e.rank === i + 1 && e.user.username)).toBe(true);
  });

  it("serves GET /api/leaderboard with a validated limit", async () => {
    await authorWithViews(2);
    const ok = await GET(new Request("http://blog.test/api/leaderboard?limit=3"), undefined);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.length).toBeLessThanOrEqual(3);
    expect(Object.keys(body[0]).sort()).toEqual(["rank", "score", "user"]);
    expect(Object.keys(body[0].user).sort()).toEqual(["id", "name", "username"]);
    for (const limit of ["0", "101", "abc", "2.5", ""]) {
      const bad = await GET(
        new Request(`http://blog.test/api/leaderboard?limit=${limit}`),
        undefined,
      );
      expect(bad.status, limit).toBe(400);
      expect((await bad.json()).error.fields.limit).toBe(
        "limit must be a whole number from 1 to 100.",
      );
    }
    expect(
      (await (await GET(new Request("http://blog.test/api/leaderboard"), undefined)).json()).length,
    ).toBeLessThanOrEqual(10);
  });
});

describe("trending today", () => {
  it("counts today's views per post in a daily sorted set that expires", async () => {
    const quiet = await makeUser({ name: "Quiet Author" });
    const post = await createPost(quiet.id, article("Trending right now"));
    await views(post, 40);
    expect(Number(await redis.zscore(trendingKey(), post.id))).toBe(40);
    const ttl = await redis.ttl(trendingKey());
    expect(ttl).toBeGreaterThan(86_400);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400);
    const trending = await getTrendingToday(50);
    expect(trending.find((p) => p.id === post.id)).toMatchObject({
      title: "Trending right now",
      authorName: "Quiet Author",
      viewsToday: 40,
    });
  });

  it("skips drafts and drops deleted posts from the widget", async () => {
    const quiet = await makeUser({ name: "Quiet Author" });
    const [gone, draft] = [
      await createPost(quiet.id, article("Soon deleted")),
      await createPost(quiet.id, { ...article("Draft"), published: false }),
    ];
    await redis.zadd(trendingKey(), 1e12, gone.id, 1e12 - 1, draft.id); // far ahead of everything
    await db.post.delete({ where: { id: gone.id } });
    const trending = await getTrendingToday(5);
    expect(trending.map((p) => p.id)).not.toContain(gone.id);
    expect(trending.map((p) => p.id)).not.toContain(draft.id);
    await expect.poll(() => redis.zscore(trendingKey(), gone.id)).toBeNull();
    await redis.zrem(trendingKey(), draft.id);
  });
});
