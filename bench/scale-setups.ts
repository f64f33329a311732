// The setups `npm run bench:scale` compares, all running at once (so the rounds can take turns
// without a restart between them) on the same private Postgres: one app process reached directly,
// and two behind nginx (scripts/scale-site.ts, as deployed), both on the same private Redis
// Cluster, so neither has a warmer or a nearer Redis than the other; and, unless told
// --cluster-only, one process directly on a single redis-server, to show what the Cluster costs.
// An idle setup costs the measured one little: Node's timers and nginx asleep.
import { rmSync } from "node:fs";
import { freePort } from "../scripts/app-server";
import { startScaleSite } from "../scripts/scale-site";
import { nodeCall } from "./lib/cluster-nodes";
import { inspectorOptions } from "./lib/inspector";
import type { PrivateCluster } from "./lib/private-cluster";
import type { PrivateSite } from "./lib/private-site";
import { RedisProcess } from "./lib/redis-process";
import { startServer } from "./lib/server";

export type Setup = {
  name: string;
  origin: string;
  /** Each app process, directly: where its own metrics are read. */
  processes: string[];
  /** The ports of the Redis masters it uses: where a stretch's commands are counted. */
  masters: number[];
  /** The one process reached directly: its V8 inspector's port (the streams' heap is read there). */
  inspectorPort?: number;
};

const SITE_DIR = "reports/bench-scale";
export const ONE = "1 process, direct";
export const TWO = "2 processes, nginx";
export const SINGLE_NODE = "1 process, direct, 1 Redis node";

async function clusterMasters(cluster: PrivateCluster): Promise<number[]> {
  const masters: number[] = [];
  for (const port of cluster.ports) {
    const role = (await nodeCall(port, "ROLE")) as unknown[];
    if (role[0] === "master") masters.push(port);
  }
  return masters;
}

/** The same app on a redis-server of its own, the Cluster's setting taken out. */
async function onSingleNode(site: PrivateSite<PrivateCluster>, env: NodeJS.ProcessEnv) {
  const redis = new RedisProcess();
  site.atClose(() => redis.kill());
  await redis.start();
  const { REDIS_CLUSTER_NODES: _cluster, ...rest } = env;
  const server = await startServer({ ...rest, ...redis.appEnv() });
  site.atClose(() => server.stop());
  const port = Number(new URL(redis.url(0)).port);
  return { name: SINGLE_NODE, origin: server.origin, processes: [server.origin], masters: [port] };
}

/** Starts each setup in turn (two cold starts at once on two cores only slow each other). */
export async function startSetups(
  site: PrivateSite<PrivateCluster>,
  env: NodeJS.ProcessEnv,
  singleNode: boolean,
): Promise<Setup[]> {
  const masters = await clusterMasters(site.redis);
  const inspect = await inspectorOptions();
  const one = await startServer({ ...env, NODE_OPTIONS: inspect.nodeOptions });
  site.atClose(() => one.stop());
  rmSync(SITE_DIR, { recursive: true, force: true });
  const two = await startScaleSite({ port: await freePort(), dir: SITE_DIR, env });
  site.atClose(() => two.stop());
  const setups = [
    {
      name: ONE,
      origin: one.origin,
      processes: [one.origin],
      masters,
      inspectorPort: inspect.port,
    },
    { name: TWO, origin: two.origin, processes: two.apps.map((app) => app.origin), masters },
  ];
  if (singleNode) setups.push(await onSingleNode(site, env));
  return setups;
}
