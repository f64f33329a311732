// What the page cache's HIT path costs in Redis and in the process, next to a raw GET of the same
// stored page: a read checks the generations of the page's tags (docs/decisions/029), from what
// the process knows (Redis tells it of every change) or, until it knows them, read in the same
// round trip as the page. Part of `npm run bench:cache`; keys cleaned up.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { buildEntry, decodeEntry, encodeEntry } from "../../lib/page-cache/entry";
import { PAGE_NAMESPACE, PageStore } from "../../lib/page-cache/store";
import { compare, median, printTable } from "./measure";

const ROUNDS = 15;
const CALLS_PER_ROUND = 1000;
const PATH = "/posts/benchmarked";
const TAGS = ["post:benchmarked"];

export async function pageHitCosts(redis: Redis): Promise<void> {
  const store = new PageStore({
    redis,
    buildId: `bench-${randomBytes(4).toString("hex")}`,
    freshSeconds: 3600,
    staleSeconds: 60,
    maxEntryBytes: 1_048_576,
    commandTimeoutMs: 2000,
    lockTimeoutMs: 5000,
    logger: { warn() {} },
  });
  // About 20 kB that gzip cannot shrink: what a GET of a stored article carries.
  const body = Buffer.from(`<p>${randomBytes(15_000).toString("base64")}</p>`);
  const page = { status: 200, headers: [["content-type", "text/html"]] as [string, string][] };
  const entry = buildEntry({ ...page, body, tags: TAGS }, 3600);
  const generations = (await store.tags.generations(TAGS))!;
  await store.write(PATH, entry, generations);
  const key = store.entryKey(PATH);
  const generationKeys = [...TAGS, "all"].map((tag) => `${PAGE_NAMESPACE}:gen:${tag}`);
  // The watch opens on the first read; reads after it trust what they learn.
  for (let i = 0; i < 200; i++) await store.read(PATH, TAGS);
  const variants: [string, () => Promise<unknown>][] = [
    ["raw ioredis GET of the page", () => redis.getBuffer(key)],
    ["raw GET + decode", async () => decodeEntry((await redis.getBuffer(key))!)],
    ["PageStore.read (generations known)", () => store.read(PATH, TAGS)],
    [
      "raw GET + its 2 generations (not known yet)",
      () => Promise.all([redis.getBuffer(key), ...generationKeys.map((g) => redis.get(g))]),
    ],
  ];
  await compare(variants, 1, 2000);
  const timings = await compare(variants, ROUNDS, CALLS_PER_ROUND);
  const raw = timings.get(variants[0][0])!.roundMeansUs;
  const rows = variants.map(([name]) => {
    const timing = timings.get(name)!;
    const ratio = median(timing.roundMeansUs.map((mean, round) => mean / raw[round]));
    return [name, timing.meanUs.toFixed(1), timing.p50Us.toFixed(1), `${ratio.toFixed(2)}x`];
  });
  console.log(`\nPage cache hit against a raw GET of the same page`);
  console.log(`(${encodeEntry(entry).length} bytes stored; ${ROUNDS} interleaved rounds)\n`);
  printTable(["operation", "mean µs", "p50 µs", "vs raw GET"], rows);
  await store.close();
  // `all` is every page's tag: its list and generation may be another page's too.
  await redis.srem(`${PAGE_NAMESPACE}:tag:all`, key);
  await redis.unlink(key, ...store.tags.listKeys(TAGS), generationKeys[0]);
}
