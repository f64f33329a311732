import { afterAll, expect, it } from "vitest";
import { getLeaderboard } from "@/lib/domains/leaderboard";
import { AUTHORS_KEY, AUTHORS_PLACEHOLDER } from "@/lib/domains/leaderboard/keys";
import { createPost } from "@/lib/domains/posts/mutations";
import { recordView } from "@/lib/domains/view-counts/counter";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";
import { makeUser } from "../../helpers/factories";
import { ownSite } from "../../helpers/own-site";
import { testRedis } from "../../helpers/redis";

// The leaderboard of a site with no published posts yet (issue 9): a database and a Redis of this
// file's own, both new, so it starts as a new site does. Redis keeps no empty sorted set, so the
// board needs a placeholder member to exist; without it no view was counted and every read rebuilt
// the board from Postgres until some author had views.
const site = await ownSite("leaderboard_new");
const redis = testRedis({}, site.redisUrl);
afterAll(() => redis.disconnect());

const boardResult = (trace: { operations: { key: string; result: string }[] }) =>
  trace.operations.find((op) => op.key === AUTHORS_KEY)?.result;

it("exists with no published posts, so the first views count and it is not rebuilt again", async () => {
  expect(await db.post.count({ where: { published: true } })).toBe(0);
  const first = await traced(() => getLeaderboard(10));
  expect(boardResult(first.trace)).toBe("missing: rebuilt");
  expect(first.value).toEqual({ entries: [], you: null, source: "redis" });
  expect(await redis.zrange(AUTHORS_KEY, 0, -1, "WITHSCORES")).toEqual([
    AUTHORS_PLACEHOLDER,
    "-inf",
  ]);
  expect(await redis.ttl(AUTHORS_KEY)).toBeGreaterThan(0);

  const again = await traced(() => getLeaderboard(10));
  expect(boardResult(again.trace)).toBe("top 10");

  const author = await makeUser();
  const post = await createPost(author.id, {
    title: "The first article",
    content: "An article that people read and count.",
  });
  for (let i = 0; i < 3; i++) await recordView(post);
  expect(await redis.zscore(AUTHORS_KEY, author.id)).toBe("3");
  const board = await getLeaderboard(10, author.id);
  expect(board.entries.map((e) => [e.rank, e.user.id, e.score])).toEqual([[1, author.id, 3]]);
  expect(board.you).toEqual({ rank: 1, score: 3 });
});
