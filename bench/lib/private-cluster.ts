// A Redis Cluster of the benchmark's own (scripts/services/redis-cluster.ts: 3 masters, 3 replicas
// on free loopback ports, in a temporary folder), as a private site's Redis: the app is pointed at
// it with REDIS_CLUSTER_NODES. A node may be killed like a crash (SIGKILL) and started again on its
// port with its folder, so it keeps its nodes.conf: its id, and what it knew of the cluster.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { running, stopService } from "../../scripts/services/process";
import {
  type ClusterNode,
  clusterOk,
  nodeAnswers,
  startClusterNode,
  startRedisCluster,
} from "../../scripts/services/redis-cluster";
import { nodeCall } from "./cluster-nodes";
import type { SiteRedis } from "./private-site";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PrivateCluster implements SiteRedis {
  /** The folder of the nodes' files; the caller may put its own (nginx's, the apps' logs) beside. */
  dir = "";
  private nodes: ClusterNode[] = [];

  async start(): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), "bench-cluster-"));
    // Known as soon as they are spawned: a Ctrl-C while the cluster forms stops them too.
    await startRedisCluster({
      dir: this.dir,
      onSpawn: (nodes) => {
        this.nodes = [...nodes];
      },
    });
  }

  /** Every node, as they were started (restarted ones in their place). */
  get ports(): number[] {
    return this.nodes.map((node) => node.port);
  }

  appEnv(): Record<string, string> {
    return { REDIS_CLUSTER_NODES: this.ports.map((port) => `127.0.0.1:${port}`).join(",") };
  }

  /**
   * True when every node says the cluster is ok with all 16384 slots served. Through redis-cli,
   * which blocks this process while it runs: only once no load runs.
   */
  allOk(): boolean {
    return clusterOk(this.nodes);
  }

  /** FLUSHALL on every master (each holds its own slots' keys only). */
  async flush(): Promise<void> {
    for (const port of this.ports) {
      const role = (await nodeCall(port, "ROLE")) as unknown[];
      if (role[0] === "master") await nodeCall(port, "FLUSHALL");
    }
  }

  /** SIGKILL to the node on `port`, like a crash; resolves once its process is gone. */
  async killNode(port: number): Promise<void> {
    const node = this.node(port);
    process.kill(node.pid, "SIGKILL");
    while (running(node.pid)) await sleep(10);
  }

  /** Starts the node on `port` again, in its own folder; resolves once it answers PING. */
  async restartNode(port: number): Promise<void> {
    const restarted = startClusterNode(this.dir, port);
    this.nodes[this.nodes.indexOf(this.node(port))] = restarted;
    await nodeAnswers(restarted);
  }

  /** Stops every node and removes the folder. Safe to call more than once. */
  async kill(): Promise<void> {
    await Promise.all(this.nodes.map((node) => stopService(node, 5_000)));
    this.nodes = [];
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = "";
  }

  private node(port: number): ClusterNode {
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no cluster node on port ${port}`);
    return node;
  }
}
