// What the cache library costs on a hit, next to a raw ioredis GET of the same stored value, the
// same for the page cache (./lib/page-hit.ts), and what stampede protection saves: loader calls
// for 1,000 concurrent misses.
// Run: npm run bench:cache   (REDIS_URL, default redis://127.0.0.1:6379/15; keys cleaned up)
// The machine is shared and noisy: variants take turns in many short rounds, each ratio is
// worked out within a round (neighbours in time) and the table shows the median over rounds.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createCache } from "../lib/cache";
import { compare, median, printTable } from "./lib/measure";
import { pageHitCosts } from "./lib/page-hit";

const ROUNDS = 15;
const CALLS_PER_ROUND = 1000;
const WARMUP = 2000;
// The targets of issue 10, checked at the end of the run.
const TARGETS: Record<string, number> = { "cache.get": 1.2, "memoized call (hit)": 1.3 };
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/15";
const namespace = `bench:cache:${randomBytes(4).toString("hex")}`;

// Counts the commands a client sends, to report round trips per operation.
function countCommands(redis: Redis): { count: () => number } {
  let commands = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    commands += 1;
    return send(...args);
  };
  return { count: () => commands };
}

const post = {
  id: 42,
  title: "Caching a blog with Redis",
  body: "Lorem ipsum dolor sit amet. ".repeat(30),
  author: { id: 7, username: "ada", name: "Ada Lovelace" },
  tags: ["redis", "caching", "nextjs"],
  publishedAt: new Date("2024-05-01T10:00:00Z"),
  views: 1234,
};

async function hitCosts(redis: Redis) {
  // Statistics are written once a second in production, in one pipeline outside any call; here
  // not during the run, so that commands/call counts what a call sends.
  const cache = createCache({ redis, namespace, statsFlushMs: 3_600_000, logger: { warn() {} } });
  const commands = countCommands(redis);
  await cache.set("post:42", post);
  const getPost = cache.memoize(async (id: number) => ({ ...post, id }), { name: "getPost" });
  await getPost(42);
  const rawKey = `${namespace}:post:42`;
  const storedBytes = Buffer.byteLength((await redis.get(rawKey)) ?? "");

  const variants: [string, () => Promise<unknown>][] = [
    ["raw ioredis GET", () => redis.get(rawKey)],
    ["raw GET + JSON.parse", async () => JSON.parse((await redis.get(rawKey))!)],
    ["cache.get", () => cache.get("post:42")],
    ["cache.getOrSet (hit)", () => cache.getOrSet("post:42", async () => post)],
    ["memoized call (hit)", () => getPost(42)],
  ];
  await compare(variants, 1, WARMUP);
  const sent = new Map(variants.map(([name]) => [name, 0]));
  let last = commands.count();
  const timings = await compare(variants, ROUNDS, CALLS_PER_ROUND, (name) => {
    sent.set(name, sent.get(name)! + commands.count() - last);
    last = commands.count();
  });
  const raw = timings.get("raw ioredis GET")!.roundMeansUs;
  const ratios = new Map(
    variants.map(([name]) => {
      const means = timings.get(name)!.roundMeansUs;
      return [name, median(means.map((mean, round) => mean / raw[round]))];
    }),
  );
  const rows = variants.map(([name]) => {
    const timing = timings.get(name)!;
    return [
      name,
      timing.meanUs.toFixed(1),
      timing.p50Us.toFixed(1),
      timing.p99Us.toFixed(1),
      (sent.get(name)! / (ROUNDS * CALLS_PER_ROUND)).toFixed(3),
      `${ratios.get(name)!.toFixed(2)}x`,
    ];
  });
  await cache.close();
  console.log(`\nCache hit against a raw GET of the same value`);
  console.log(
    `(${storedBytes} bytes stored; ${ROUNDS} interleaved rounds of ${CALLS_PER_ROUND} sequential calls each, after ${WARMUP} to warm up)\n`,
  );
  printTable(["operation", "mean µs", "p50 µs", "p99 µs", "commands/call", "vs raw GET"], rows);
  console.log(
    "\nvs raw GET: the median over rounds of (the round's mean / raw GET's in that round).",
  );
  for (const [name, target] of Object.entries(TARGETS)) {
    const ratio = ratios.get(name)!;
    const verdict = ratio <= target ? "met" : "MISSED";
    console.log(`${name}: ${ratio.toFixed(2)}x, target ≤ ${target}x: ${verdict}`);
  }
}

async function stampede(clients: Redis[], concurrent: number): Promise<number> {
  const caches = clients.map((redis) =>
    createCache({ redis, namespace, logger: { warn: () => {} } }),
  );
  let loaderCalls = 0;
  const loader = async () => {
    loaderCalls += 1;
    await new Promise((resolve) => setTimeout(resolve, 50)); // a slow database query
    return post;
  };
  const key = `cold:${clients.length}`;
  await Promise.all(
    Array.from({ length: concurrent }, (_, i) => caches[i % caches.length].getOrSet(key, loader)),
  );
  await Promise.all(caches.map((cache) => cache.close()));
  return loaderCalls;
}

async function main() {
  const redis = new Redis(url);
  const second = new Redis(url);
  try {
    await Promise.all([redis.ping(), second.ping()]);
    await hitCosts(redis);
    await pageHitCosts(redis);
    const oneProcess = await stampede([redis], 1000);
    const twoProcesses = await stampede([redis, second], 1000);
    console.log("\n1,000 concurrent misses of one key (loader takes 50 ms)\n");
    printTable(
      ["callers", "loader calls"],
      [
        ["one process (single flight + lock)", oneProcess],
        ["two clients, 500 each (Redis lock)", twoProcesses],
      ],
    );
  } finally {
    await createCache({ redis, namespace }).clear();
    await redis.unlink(`${namespace}:stats`);
    redis.disconnect();
    second.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
