// A process busy past a command's deadline may already have its answer, unread: the deadline is
// checked after the event loop has read its sockets, so that answer is not taken for a timeout
// (which would make a cache HIT a fail-open miss, or drop a view, under a burst of requests).
import { afterAll, expect, it } from "vitest";
import { createClient, parseClusterNodes, whenReady } from "@/lib/redis/client";

const nodes = process.env.REDIS_CLUSTER_NODES;
const client = createClient(
  nodes ? { clusterNodes: parseClusterNodes(nodes) } : { url: process.env.REDIS_URL! },
  { timeoutMs: 50 },
);
afterAll(() => client.disconnect());

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until); // the process does nothing else meanwhile
};

it("answers a command whose reply came while the process was busy past its deadline", async () => {
  await whenReady(client, 10_000);
  const key = `toolkit:busy:${process.pid}`;
  await client.set(key, "answered", "EX", 60);
  const reply = client.get(key);
  // Sent: auto-pipelining writes it at the end of this turn of the event loop, its deadline armed.
  await new Promise((resolve) => setImmediate(resolve));
  busyFor(300); // six deadlines long; Redis answers in well under that
  await expect(reply).resolves.toBe("answered");
  await client.unlink(key);
});

it("still times out a command that gets no answer", async () => {
  await whenReady(client, 10_000);
  // A blocking pop on a key nobody fills: Redis answers after 1 s, the client gives up at 50 ms.
  await expect(client.blpop(`toolkit:empty:{${process.pid}}`, 1)).rejects.toThrow(/50 ms/);
});
