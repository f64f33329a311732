// The bounds of `npm run bench:failover`, each printed PASS or FAIL. Those of a lone Redis killed
// (bench:faults) hold as they are: a Cluster with a master gone is, for the slots it served, a
// Redis that does not answer, and the app fails open the same way. Then what a Cluster adds: the
// replica takes the slots over, the caches come back without a restart of the app, and the killed
// node comes back as a replica.
import type { FailoverFigures } from "./failover-fault";
import { redisBounds, type ScenarioResult, viewsWaitingForFlush } from "./faults-list";
import { atMost, type Check, equal } from "./lib/bounds";

/** The nodes' cluster-node-timeout (scripts/services/redis-cluster.ts). */
const NODE_TIMEOUT_MS = 2_000;
/**
 * A node pings a peer once its last answer is half a node timeout old, and flags it failing when
 * a ping has gone unanswered for a node timeout: 1 to 1.5 node timeouts after the kill. It is
 * failed once a majority of masters agree (their gossip, ten rounds a second), and its replica
 * stands for election 500 ms plus up to 500 ms later; the vote is one round trip. So at most
 * 1.5 node timeouts and 1 s, plus 1 s for the agreement and the vote on a busy machine.
 */
const PROMOTED_MS = 1.5 * NODE_TIMEOUT_MS + 2_000;
/** Every surviving node hears of the new master in the election's own messages. */
const CLUSTER_OK_MS = PROMOTED_MS + 1_000;
/**
 * Then the app's client learns the new master (a MOVED, or its slot map refreshed when the old
 * connection dropped, slotsRefreshTimeout 2 s), and the page cache's breaker, opened by the
 * failed reads of the gap, lets a read try again after its cooldown (5 s, lib/page-cache/store.ts).
 */
const CACHE_BACK_MS = PROMOTED_MS + 2_000 + 5_000;
/**
 * A restarted node reads its nodes.conf, hears that its slots have a newer master (an UPDATE
 * message) and becomes its replica; the master waits repl-diskless-sync-delay (5 s, Redis 7's
 * default) for more replicas before it streams its data set, a few MB over loopback.
 */
const REJOINED_MS = 5_000 + 5_000;
/** The probe's pages are page reads like the load's: the same bound as "longest read or view". */
const LONGEST_PROBE_MS = 4_500;

const never = (ms: number | undefined) => ms ?? Number.POSITIVE_INFINITY;

/** `healed`: every node, the restarted one too, saw the cluster ok once the load had ended. */
export function failoverBounds(r: ScenarioResult, f: FailoverFigures, healed: boolean): Check[] {
  const probed = [...f.probes.values()].flat();
  return [
    // Fail-open: a request never needs Redis to answer, so nothing else fails either.
    equal("answers other than 2xx/3xx", r.tally.records.length - okCount(r), 0),
    ...redisBounds(viewsWaitingForFlush)(r),
    atMost("replica promoted (after the kill)", never(f.promotedMs), PROMOTED_MS, " ms"),
    atMost("cluster ok on every node (after the kill)", never(f.clusterOkMs), CLUSTER_OK_MS, " ms"),
    atMost(
      "killed master's page from the cache again",
      never(f.cacheBack.onVictim.firstMs),
      CACHE_BACK_MS,
      " ms",
    ),
    equal("probe answers other than 2xx/3xx", probed.filter((a) => !isOk(a.status)).length, 0),
    atMost(
      "longest probe answer",
      Math.max(0, ...probed.map((a) => a.ms)),
      LONGEST_PROBE_MS,
      " ms",
    ),
    equal("killed node back as a connected replica (1 = yes)", rejoined(f), 1),
    atMost("its rejoin (after its restart)", never(f.rejoinedMs), REJOINED_MS, " ms"),
    equal("every node says cluster ok at the end (1 = yes)", healed ? 1 : 0, 1),
  ];
}

const isOk = (status: number | string) => typeof status === "number" && status < 400;
const okCount = (r: ScenarioResult) => r.tally.records.filter((rec) => isOk(rec.status)).length;
const rejoined = (f: FailoverFigures) => (f.rejoinedAs === "slave connected" ? 1 : 0);
