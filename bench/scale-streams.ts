// Event streams held, for decision 031's capacity plan (`npm run bench:scale`): what a held
// /api/events stream costs one app process in memory, and how long a post takes to reach every
// one of them (the pub/sub fan-out: one PUBLISH, then a write per stream). Anonymous readers from
// one address, so the process's limits are raised for the run (SSE_MAX_PER_IDENTITY).

import { pidListeningOn, rssMiB } from "./lib/process-stats";
import { SseClients } from "./lib/sse-clients";
import { postFromAPage } from "./scale-load";

export type StreamFigures = {
  streams: number;
  /** Resident memory the process grew by, per stream held, in kB. */
  kbPerStream: number;
  /** From each post sent until every stream had its post.created, in ms. */
  fanOutMs: number[];
};

const POLL_MS = 5;
const OPEN_WITHIN_MS = 60_000;
const SETTLE_MS = 2_000;

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`streams: ${what} not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

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
  cookie: string,
  count: number,
  posts: number,
): Promise<StreamFigures> {
  const pid = pidListeningOn(Number(new URL(origin).port));
  await settle();
  const before = rssMiB(pid);
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
    await settle();
    const kbPerStream = ((rssMiB(pid) - before) * 1024) / count;
    const fanOutMs: number[] = [];
    for (let n = 1; n <= posts; n++) {
      const sent = performance.now();
      await post(origin, cookie);
      await until(() => clients.seen.postEvents.every((e) => e >= n), 10_000, `post ${n} heard`);
      fanOutMs.push(performance.now() - sent);
    }
    return { streams: count, kbPerStream, fanOutMs };
  } finally {
    await clients.stop();
  }
}

export function reportStreams(origin: string, figures: StreamFigures): void {
  const sorted = [...figures.fanOutMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `\nEvent streams held by one process (${origin}): ${figures.streams} streams, ${figures.kbPerStream.toFixed(1)} kB of resident memory each; a post, from sent to heard on every stream: median ${median.toFixed(0)} ms, longest ${sorted.at(-1)!.toFixed(0)} ms (${sorted.length} posts)`,
  );
}
