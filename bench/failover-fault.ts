// The fault of `npm run bench:failover`, in the middle of the load: SIGKILL to the master serving
// views:dirty, then, measured from the kill, when its replica calls itself master, when every
// surviving node says the cluster is ok, and when a page whose stored entry lives on the killed
// master's slots comes from the page cache again (the probe: a page read by nobody else, so that
// no render of the load's refreshes it). Then the node is started again on its port with its
// folder, and must come back as a replica of the node that took its place, its link up.
import { readTopology, type Topology } from "./failover-keys";
import {
  CacheProbe,
  type CacheReturn,
  cacheReturn,
  fromCache,
  type ProbeAnswer,
} from "./lib/cache-probe";
import { commandsProcessed, roleOf, sawClusterOk } from "./lib/cluster-nodes";
import type { PrivateCluster } from "./lib/private-cluster";
import type { RunningServer } from "./lib/server";

/** How long each share of commands is counted: before the kill, and once hits are back. */
export const SHARE_MS = 4_000;
/** Longer than any wait the bounds allow: past it, a figure is "never" and its bound fails. */
const GIVE_UP_MS = 30_000;
const POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type FailoverFigures = Topology & {
  killedAt: number;
  restartedAt: number;
  /** ms after the kill (the restart for rejoinedMs); undefined: not within GIVE_UP_MS. */
  promotedMs?: number;
  clusterOkMs?: number;
  rejoinedMs?: number;
  /** The restarted node's ROLE at the end ("slave connected" once it has rejoined). */
  rejoinedAs: string;
  /** Each probed page's answers, from warm to the end of the fault. */
  probes: Map<string, ProbeAnswer[]>;
  /** Each probed page from the kill to the restart: when it came from the cache again. */
  cacheBack: { onVictim: CacheReturn; elsewhere: CacheReturn };
  /** Probe answers not from the cache once the killed node was started again. */
  missedInRejoin: ProbeAnswer[];
  /** Commands each master ran, by port: before the kill, and after the failover. */
  shares: { before: Map<number, number>; after: Map<number, number> };
};

export type FailoverSetting = { cluster: PrivateCluster; buildId: string; candidates: string[] };

/** Polls `test` until it holds; the ms it took, or undefined after GIVE_UP_MS. */
async function until(test: () => Promise<boolean>, from = Date.now()): Promise<number | undefined> {
  while (!(await test())) {
    if (Date.now() - from > GIVE_UP_MS) return undefined;
    await sleep(POLL_MS);
  }
  return Date.now() - from;
}

/** Commands run on `ports` over SHARE_MS of the load. */
async function shareOf(ports: number[]): Promise<Map<number, number>> {
  const before = await commandsProcessed(ports);
  await sleep(SHARE_MS);
  const after = await commandsProcessed(ports);
  return new Map([...after].map(([port, count]) => [port, count - (before.get(port) ?? count)]));
}

async function mastersNow(ports: number[]): Promise<number[]> {
  const roles = await Promise.all(ports.map(roleOf));
  return ports.filter((_, i) => roles[i] === "master");
}

function probed(
  probes: Map<string, ProbeAnswer[]>,
  { probePages }: Topology,
  killedAt: number,
  restartedAt: number,
) {
  const back = (path: string) => cacheReturn(probes.get(path) ?? [], killedAt, restartedAt);
  const inRejoin = [...probes.values()].flat().filter((a) => a.at >= restartedAt);
  return {
    probes,
    cacheBack: { onVictim: back(probePages.onVictim), elsewhere: back(probePages.elsewhere) },
    missedInRejoin: inRejoin.filter((a) => !fromCache(a)),
  };
}

export async function failover(
  { cluster, buildId, candidates }: FailoverSetting,
  server: RunningServer,
): Promise<FailoverFigures> {
  const topology = await readTopology(cluster.ports[0], buildId, candidates);
  const { victim, replica, probePages } = topology;
  const probe = new CacheProbe(server.origin, [probePages.onVictim, probePages.elsewhere]);
  await probe.warm();
  probe.start();
  try {
    const before = await shareOf(await mastersNow(cluster.ports));
    const killedAt = Date.now();
    await cluster.killNode(victim.port);
    const survivors = cluster.ports.filter((port) => port !== victim.port);
    const promotedMs = await until(async () => (await roleOf(replica.port)) === "master", killedAt);
    const clusterOkMs = await until(
      async () => (await Promise.all(survivors.map(sawClusterOk))).every(Boolean),
      killedAt,
    );
    const victimAnswers = probe.answers.get(probePages.onVictim) ?? [];
    await until(async () => cacheReturn(victimAnswers, killedAt).firstMs !== undefined, killedAt);
    const after = await shareOf(await mastersNow(survivors));
    const restartedAt = Date.now();
    await cluster.restartNode(victim.port);
    const rejoinedMs = await until(
      async () => (await roleOf(victim.port)) === "slave connected",
      restartedAt,
    );
    const rejoinedAs = await roleOf(victim.port);
    await probe.stop();
    const shares = { before, after };
    return {
      ...topology,
      ...{ killedAt, restartedAt, promotedMs, clusterOkMs, rejoinedMs, rejoinedAs, shares },
      ...probed(probe.answers, topology, killedAt, restartedAt),
    };
  } finally {
    await probe.stop();
  }
}
