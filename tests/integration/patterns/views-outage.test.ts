// Fail-open of the view counter: with the app's Redis unreachable, a view is written to Postgres
// at once (nothing to flush later), and what the reader is shown is the stored count.
import { expect, it, vi } from "vitest";
import { createPost } from "@/lib/domains/posts/mutations";
import { countViewOnce, recordView } from "@/lib/domains/view-counts/counter";
import { DIRTY_SET, seenKey } from "@/lib/domains/view-counts/keys";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";
import { withAppRedisDown } from "../../helpers/app-redis-down";
import { userForFile } from "../../helpers/factories";

const author = userForFile();

const storedViews = async (id: number) =>
  (await db.post.findUniqueOrThrow({ where: { id } })).viewCount;

it("writes each view to Postgres while Redis is unreachable", async () => {
  const post = await createPost(author.id, {
    title: "Read during an outage",
    content: "Counted all the same.",
  });
  const shown = await withAppRedisDown(async () => [
    await recordView(post),
    await recordView(post),
  ]);
  expect(shown).toEqual([1, 2]);
  expect(await storedViews(post.id)).toBe(2);
});

// A stalled Redis answers nothing, and each command sent waits out the client's timeout: once
// the circuit is open, a view asks Redis nothing at all (neither the reader's mark nor the
// bookkeeping), and is counted in Postgres. The breaker's clock is frozen, so its cool-down
// cannot end during the test however slow the machine.
it("asks Redis nothing for a view while the circuit is open", async () => {
  const post = await createPost(author.id, {
    title: "Read after an outage",
    content: "Counted in Postgres.",
  });
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    await withAppRedisDown(async () => {
      for (let view = 0; view < 5; view++) await recordView(post);
    });
    expect(await countViewOnce(post, "anon:after-the-outage")).toEqual({ views: 6, counted: true });
  } finally {
    vi.useRealTimers();
  }
  expect(await storedViews(post.id)).toBe(6);
  expect(await redis().exists(seenKey(post.id, "anon:after-the-outage"))).toBe(0);
  expect(await redis().sismember(DIRTY_SET, String(post.id))).toBe(0);
});
