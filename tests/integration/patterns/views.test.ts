import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createPost } from "@/lib/domains/posts/mutations";
import { recordView } from "@/lib/domains/view-counts/counter";
import { flushViews } from "@/lib/domains/view-counts/flush";
import { DIRTY_SET, viewKeys } from "@/lib/domains/view-counts/keys";
import { claimBatchScript } from "@/lib/domains/view-counts/scripts";
import { flushAllViews } from "@/lib/domains/view-counts/sweep";
import { db } from "@/lib/platform/db";
import { userForFile } from "../../helpers/factories";
import { redisForFile } from "../../helpers/redis";

const run = promisify(execFile);
const redis = redisForFile();
const author = userForFile();

async function newPost() {
  return createPost(author.id, {
    title: "Counted article",
    content: "Views are counted write-behind.",
  });
}
const stored = async (id: number) =>
  (await db.post.findUniqueOrThrow({ where: { id }, select: { viewCount: true } })).viewCount;

// A second app process: tsx with the react-server condition so "server-only" imports resolve.
const worker = [
  "--conditions=react-server",
  "--import",
  "tsx",
  "tests/integration/patterns/view-worker.ts",
];

describe("write-behind view counters", () => {
  it("keeps views in Redis until the 10th, then moves them to Postgres in one UPDATE", async () => {
    const post = await newPost();
    for (let i = 1; i <= 9; i++) expect(await recordView(post)).toBe(i);
    expect(await stored(post.id)).toBe(0);
    expect(await recordView(post)).toBe(10);
    await expect.poll(() => stored(post.id)).toBe(10);
    expect(await redis.get(viewKeys(post.id).pending)).toBeNull();
    expect(await recordView(post)).toBe(11);
  });

  it("loses and doubles nothing under concurrency, the sweep flushing what stopped short", async () => {
    const post = await newPost();
    const shown = await Promise.all(Array.from({ length: 203 }, () => recordView(post)));
    expect(Math.max(...shown)).toBeLessThanOrEqual(203);
    await flushAllViews();
    await expect.poll(() => stored(post.id)).toBe(203);
    expect(await redis.sismember(DIRTY_SET, post.id)).toBe(0);
  });

  it("does not count a batch twice when Postgres committed it but Redis was never told", async () => {
    const post = await newPost();
    for (let i = 0; i < 3; i++) await recordView(post);
    const keys = viewKeys(post.id);
    const claimed = await claimBatchScript(
      redis,
      [keys.pending, keys.flushing],
      [`crashed-batch-${post.id}`, 60],
    );
    expect(claimed).toEqual([`crashed-batch-${post.id}`, "3"]);
    // The crash: the batch reached Postgres, the process died before clearing it in Redis.
    await db.$transaction([
      db.viewFlush.create({
        data: { batchId: `crashed-batch-${post.id}`, postId: post.id, delta: 3 },
      }),
      db.post.update({ where: { id: post.id }, data: { viewCount: { increment: 3 } } }),
    ]);
    expect(await recordView(post)).toBe(4);
    await flushAllViews();
    await flushAllViews();
    expect(await stored(post.id)).toBe(4);
    expect(await redis.exists(keys.flushing)).toBe(0);
  });

  it("rebuilds the shown count from Postgres when Redis lost the counters", async () => {
    const post = await newPost();
    for (let i = 0; i < 10; i++) await recordView(post);
    await expect.poll(() => stored(post.id)).toBe(10);
    await redis.del(...Object.values(viewKeys(post.id)));
    expect(await recordView(post)).toBe(11);
  });

  it("is shared by two app processes without losing or doubling views", async () => {
    const post = await newPost();
    await Promise.all([
      run("node", [...worker, "record", String(post.id), "57", String(author.id)], {
        env: process.env,
      }),
      ...Array.from({ length: 43 }, () => recordView(post)),
    ]);
    await flushAllViews();
    expect(await stored(post.id)).toBe(100);
  });

  it("flushes pending views when the process is asked to stop", async () => {
    const post = await newPost();
    const child = spawn(
      "node",
      [...worker, "record-then-wait", String(post.id), "7", String(author.id)],
      { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const [ready] = await once(child.stdout!, "data");
    expect(String(ready)).toContain("ready");
    expect(await stored(post.id)).toBe(0);
    child.kill("SIGTERM");
    await once(child, "exit");
    expect(await stored(post.id)).toBe(7);
  });

  it("does not count views of a deleted post", async () => {
    const post = await newPost();
    await recordView(post);
    await db.post.delete({ where: { id: post.id } });
    await expect(flushViews(post.id)).resolves.toBe(1);
    expect(await redis.exists(viewKeys(post.id).flushing)).toBe(0);
  });
});
