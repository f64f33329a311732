// whenReady: start-up work waits for the client to connect (on a Cluster, for its slot map),
// and gives up, with a reason, when Redis does not come.
import { expect, it } from "vitest";
import { createClient, parseClusterNodes, whenReady } from "@/lib/redis/client";
import { freePort } from "../../../scripts/app-server";

const nodes = process.env.REDIS_CLUSTER_NODES;

it("resolves once a new client is connected, and at once for a connected one", async () => {
  const client = createClient(
    nodes ? { clusterNodes: parseClusterNodes(nodes) } : { url: process.env.REDIS_URL! },
    { timeoutMs: 2_000 },
  );
  try {
    expect(client.status).not.toBe("ready");
    await whenReady(client, 10_000);
    expect(client.status).toBe("ready");
    expect(await client.ping()).toBe("PONG");
    await whenReady(client, 1);
  } finally {
    client.disconnect();
  }
});

it("rejects after its time when nothing answers", async () => {
  const client = createClient({ url: `redis://127.0.0.1:${await freePort()}` }, { timeoutMs: 200 });
  client.on("error", () => {});
  try {
    const started = Date.now();
    await expect(whenReady(client, 300)).rejects.toThrow(/not ready within 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  } finally {
    client.disconnect();
  }
});
