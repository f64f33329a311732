// The Redis Cluster of `npm run test:cluster` (scripts/test-cluster.sh), which is a shell script
// and so cannot hold it in a process of its own:
//   tsx scripts/services/cluster-cli.ts start <dir>   3 masters and 3 replicas on free loopback
//       ports, their files under <dir>; prints `host:port,…` (REDIS_CLUSTER_NODES) and writes the
//       nodes to <dir>/cluster.json;
//   tsx scripts/services/cluster-cli.ts stop <dir>    stops the nodes written there, by pid.
// Exit code 1 with a sentence, never a stack trace, when the cluster cannot be had.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { errorMessage } from "../../lib/util/error-message";
import { ServiceError } from "./errors";
import { stopService } from "./process";
import { type ClusterNode, startRedisCluster } from "./redis-cluster";

const [command, dir] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!dir) throw new ServiceError("usage: cluster-cli.ts start <dir> | stop <dir>");
  const state = path.join(dir, "cluster.json");
  if (command === "start") {
    // Written before the cluster forms: an interrupted start leaves nothing `stop` cannot find.
    const record = (nodes: ClusterNode[]) => writeFileSync(state, JSON.stringify(nodes));
    const cluster = await startRedisCluster({ dir, onSpawn: record });
    console.log(cluster.nodeList);
  } else if (command === "stop") {
    if (!existsSync(state)) return;
    const nodes: ClusterNode[] = JSON.parse(readFileSync(state, "utf8"));
    await Promise.all(nodes.map((node) => stopService(node, 5_000)));
  } else {
    throw new ServiceError("usage: cluster-cli.ts start <dir> | stop <dir>");
  }
}

main().catch((error) => {
  console.error(error instanceof ServiceError ? error.message : `cluster: ${errorMessage(error)}`);
  process.exit(1);
});
