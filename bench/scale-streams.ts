// Event streams held, for decision 031's capacity plan (`npm run bench:scale`): what a held
// /api/events stream costs one app process in memory (its heap and buffers after a full garbage
// collection, read through the inspector: the process's RSS moves by more than the streams with
// what V8 frees or keeps), and how long a post takes to reach every one of them (the pub/sub
// fan-out: one PUBLISH, then a write per stream). Anonymous readers from one address, so the
// process's limit per reader is raised for the run (SSE_MAX_PER_IDENTITY).
import { Inspector } from "./lib/inspector";
import { SseClients } from "./lib/sse-clients";
import { postFromAPage } from "./scale-load";

export type StreamFigures = {
  streams: number;
  /** What the process's heap and buffers grew by, after a full GC, per stream held, in kB. */
  kbPerStream: number;
  /** From each post sent until every stream had its post.created, in ms. */
  fanOutMs: number[];
};

const POLL_MS = 5;
const OPEN_WITHIN_MS = 60_000;

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`streams: ${what} not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function post(origin: string, cookie: string): Promise<void> {
  const body = { title: "Heard live", content: "A post every held stream hears about." };
  const { path, ...init } = postFromAPage("/api/posts", body, cookie);
  const response = await fetch(`${origin}${path}`, init);
  if (response.status !== 201) throw new Error(`streams: a post answered ${response.status}`);
  await response.arrayBuffer();
}

/** Opens `count` streams on the process at `origin`, then sends `posts` posts one after the other. */
export async function measureStreams(
  origin: string,
  inspectorPort: number,
  cookie: string,
  count: number,
  posts: number,
): Promise<StreamFigures> {
  const v8 = await Inspector.connect(inspectorPort);
  const held = async () => {
    const { heapUsed, external } = await v8.memoryAfterGc();
    return heapUsed + external;
  };
  // One stream first: what the first one loads once (the route's module) is not a stream's cost.
  const first = new SseClients(origin, 1);
  first.start();
  await until(() => first.seen.opened === 1, OPEN_WITHIN_MS, "a first stream open");
  await first.stop();
  const before = await held();
  const clients = new SseClients(origin, count);
  clients.start();
  try {
    // A refused stream is tried again a second later: the first refusal ends the measure.
    await until(
      () => clients.seen.opened >= count || clients.seen.refused.size > 0,
      OPEN_WITHIN_MS,
      `${count} streams open`,
    );
    if (clients.seen.refused.size > 0)
      throw new Error(`streams: refused (${[...clients.seen.refused].join(", ")})`);
    const kbPerStream = (((await held()) - before) * 1024) / count;
    const fanOutMs: number[] = [];
    for (let n = 1; n <= posts; n++) {
      const sent = performance.now();
      await post(origin, cookie);
      await until(() => clients.seen.postEvents.every((e) => e >= n), 10_000, `post ${n} heard`);
      fanOutMs.push(performance.now() - sent);
    }
    return { streams: count, kbPerStream, fanOutMs };
  } finally {
    v8.close();
    await clients.stop();
  }
}

export function reportStreams(origin: string, figures: StreamFigures): void {
  const sorted = [...figures.fanOutMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `\nEvent streams held by one process (${origin}): ${figures.streams} streams, ${figures.kbPerStream.toFixed(1)} kB of heap and buffers each (after a full GC); a post, from sent to heard on every stream: median ${median.toFixed(0)} ms, longest ${sorted.at(-1)!.toFixed(0)} ms (${sorted.length} posts)`,
  );
}
