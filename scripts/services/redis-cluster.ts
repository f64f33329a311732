// A Redis Cluster on loopback for the cluster suite, the failover benchmark and the tests that
// need one: N masters with R replicas each, made the way an operator makes one
// (`redis-server --cluster-enabled yes`, then `redis-cli --cluster create`), nothing kept on disk
// but each node's cluster config, in a folder of the caller's. Each node is a process of our own
// (process.ts), stopped by its pid.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "../app-server";
import { ServiceError } from "./errors";
import { redisProblem } from "./probe";
import { logTail, running, type StartedService, spawnService, stopService } from "./process";

export type ClusterNode = StartedService & { host: string; dir: string };

export type RedisCluster = {
  nodes: ClusterNode[];
  /** `host:port,…` of every node, as REDIS_CLUSTER_NODES takes it. */
  nodeList: string;
  stop(): Promise<void>;
};

const HOST = "127.0.0.1";
// Each node also listens on its port + 10,000 for the cluster bus, so its own port must leave
// room for that (Linux may hand out free ports up to 60,999).
const HIGHEST_PORT = 65_535 - 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Blocks this process while it runs: for forming the cluster and checking it, never for polling
// while a benchmark measures (nodeAnswers asks without blocking).
const cli = (port: number, ...args: string[]) =>
  spawnSync("redis-cli", ["-h", HOST, "-p", String(port), ...args], {
    encoding: "utf8",
    timeout: 5_000,
  });

/** Starts one cluster-enabled node on `port`, its files under `root` (a restarted node keeps its id). */
export function startClusterNode(root: string, port: number): ClusterNode {
  const dir = path.join(root, `node-${port}`);
  mkdirSync(dir, { recursive: true });
  const args = [
    ["--port", String(port), "--bind", HOST, "--cluster-enabled", "yes"],
    ["--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"],
    // While a master is failing over, the other masters keep answering for their own slots.
    ["--cluster-require-full-coverage", "no"],
    ["--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"],
  ].flat();
  const child = spawnService("redis-server", args, path.join(dir, "redis.log"));
  return {
    name: `Redis Cluster node ${port}`,
    pid: child.pid ?? 0,
    port,
    host: HOST,
    dir,
    command: "redis-server",
    signal: "SIGTERM",
  };
}

/** Waits until the node answers PING, or throws with its log's last lines. */
export async function nodeAnswers(node: ClusterNode, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await redisProblem(`redis://${HOST}:${node.port}`)) !== null) {
    if (!running(node.pid, "redis-server") || Date.now() > deadline)
      throw new ServiceError(
        `${node.name} did not start; its log ends:\n${logTail(path.join(node.dir, "redis.log"))}`,
      );
    await sleep(50);
  }
}

/** True once every node sees the cluster as ok with every slot served. */
export function clusterOk(nodes: readonly ClusterNode[]): boolean {
  return nodes.every((node) => {
    const info = cli(node.port, "cluster", "info").stdout;
    return info.includes("cluster_state:ok") && info.includes("cluster_slots_ok:16384");
  });
}

export async function startRedisCluster(options: {
  dir: string;
  masters?: number;
  replicasPerMaster?: number;
  /** Told of the nodes as soon as they are spawned, so that a run stopped while the cluster forms can stop them. */
  onSpawn?: (nodes: ClusterNode[]) => void;
}): Promise<RedisCluster> {
  const { dir, masters = 3, replicasPerMaster = 1, onSpawn } = options;
  const count = masters * (1 + replicasPerMaster);
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (port <= HIGHEST_PORT && !ports.includes(port)) ports.push(port);
  }
  const nodes = ports.map((port) => startClusterNode(dir, port));
  onSpawn?.(nodes);
  const stop = async () => void (await Promise.all(nodes.map((node) => stopService(node, 5_000))));
  try {
    for (const node of nodes) await nodeAnswers(node);
    const created = spawnSync(
      "redis-cli",
      ["--cluster", "create", ...ports.map((port) => `${HOST}:${port}`)].concat([
        "--cluster-replicas",
        String(replicasPerMaster),
        "--cluster-yes",
      ]),
      { encoding: "utf8" },
    );
    if (created.status !== 0)
      throw new ServiceError(
        `redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`,
      );
    const deadline = Date.now() + 30_000;
    while (!clusterOk(nodes)) {
      if (Date.now() > deadline)
        throw new ServiceError("the Redis Cluster did not become ok in 30 s");
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, nodeList: nodes.map((node) => `${HOST}:${node.port}`).join(","), stop };
}
