// Refresh-ahead as the home page's popular posts use it (getPopularPosts): past its fresh time
// the list is served stale at once while one background refresh replaces it, and a fresh list
// whose loader is slow is refreshed before it expires. Time passes for the entry by rewriting it
// in Redis: its fresh-until moves back and its expiry comes closer by the same amount.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { caches } from "@/lib/blog-cache/caches";
import { packEntry, unpackEntry } from "@/lib/cache/entry";
import { getPopularPosts, POPULAR_KEY, type PopularPost } from "@/lib/domains/posts/queries";
import { traced } from "@/lib/platform/request-trace";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();
afterAll(() => redis.disconnect());
const key = () => `${caches().popular.namespace}:${POPULAR_KEY}`;

// What the entry holds until a refresh replaces it: no real post has a negative id.
const MARKER: PopularPost[] = [
  { id: -1, slug: "marker", title: "Until refreshed", viewCount: 0, authorName: "Nobody" },
];
const holdsMarker = async () => {
  const text = await redis.get(key());
  return text !== null && (unpackEntry(text).value as PopularPost[])[0]?.id === -1;
};

/** The entry as it would be `agoMs` later, holding MARKER and a loader time of `loaderMs`; gone if it would have expired. */
async function age(agoMs: number, loaderMs?: number): Promise<void> {
  const [text, ttl] = await Promise.all([redis.get(key()), redis.pttl(key())]);
  const entry = unpackEntry(text!);
  if (ttl - agoMs <= 0) {
    await redis.del(key());
    return;
  }
  await redis.set(
    key(),
    packEntry(MARKER, entry.freshUntil - agoMs, loaderMs ?? entry.delta),
    "PX",
    ttl - agoMs,
  );
}

beforeEach(async () => {
  await caches().popular.delete(POPULAR_KEY);
  await getPopularPosts(); // stored, fresh for 60 s
});

describe("refresh-ahead of the popular posts", () => {
  it("past its 60 s the list is served stale at once, and one background refresh replaces it", async () => {
    await age(61_000);
    const { value, trace } = await traced(() => getPopularPosts());
    expect(value).toEqual(MARKER);
    expect(trace.cache.map((e) => e.result)).toEqual(["STALE"]);
    await expect.poll(holdsMarker).toBe(false);
    const { value: refreshed, trace: after } = await traced(() => getPopularPosts());
    expect(after.cache.map((e) => e.result)).toEqual(["HIT"]);
    expect(refreshed.every((post) => post.id > 0)).toBe(true);
  });

  it("is still served stale 10 minutes after, and not after that", async () => {
    await age(60_000 + 590_000);
    expect((await traced(() => getPopularPosts())).trace.cache.map((e) => e.result)).toEqual([
      "STALE",
    ]);
    await expect.poll(holdsMarker).toBe(false); // the refresh that read started has landed
    await age(60_000 + 601_000);
    expect((await traced(() => getPopularPosts())).trace.cache.map((e) => e.result)).toEqual([
      "MISS",
    ]);
  });

  it("a fresh list whose loader is slow is refreshed in the background before it expires", async () => {
    // XFetch refreshes when now - loaderTime x ln(random) >= fresh-until. With a loader time of
    // 10^15 ms and 30 s left, that is every draw of random below 1 - 3x10^-11: always, in practice.
    await age(30_000, 1e15);
    const { value, trace } = await traced(() => getPopularPosts());
    expect(value).toEqual(MARKER);
    expect(trace.cache.map((e) => e.result)).toEqual(["HIT"]);
    await expect.poll(holdsMarker).toBe(false);
  });
});
