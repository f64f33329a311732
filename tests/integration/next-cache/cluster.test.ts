// On a real Redis Cluster (three masters started here, on free ports, nothing on disk): every
// handler method works, with entries and tags spread over the slots of different nodes. A
// multi-key command across slots would fail here with CROSSSLOT.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUseCacheHandler, NextCacheStore } from "@/lib/next-cache";
import { freePort } from "../../../scripts/app-server";
import { sleep } from "../../helpers/async";
import { recordingLogger } from "../../helpers/logger";
import { patient } from "../../helpers/redis";
import { entry, textOf } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "next-cache-cluster-"));
const nodes: ChildProcess[] = [];
let ports: number[] = [];
let cluster: Cluster;

beforeAll(async () => {
  ports = [await freePort(), await freePort(), await freePort()];
  for (const port of ports) {
    nodes.push(
      spawn(
        "redis-server",
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          `nodes-${port}.conf`,
          "--save",
          "",
          "--appendonly",
          "no",
          "--dir",
          dir,
        ],
        { stdio: "ignore" },
      ),
    );
  }
  for (const port of ports) {
    while (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() !== "PONG"
    )
      await sleep(50);
  }
  const created = spawnSync("redis-cli", [
    "--cluster",
    "create",
    ...ports.map((p) => `127.0.0.1:${p}`),
    "--cluster-replicas",
    "0",
    "--cluster-yes",
  ]);
  if (created.status !== 0) throw new Error(`cluster create failed: ${created.stdout}`);
  for (const port of ports) {
    while (
      !spawnSync("redis-cli", ["-p", String(port), "cluster", "info"])
        .stdout.toString()
        .includes("cluster_state:ok")
    )
      await sleep(100);
  }
  cluster = new Cluster([{ host: "127.0.0.1", port: ports[0] }], { enableAutoPipelining: true });
  cluster.on("error", () => {});
}, 60_000);

afterAll(async () => {
  cluster?.disconnect();
  for (const node of nodes) node.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("on Redis Cluster", () => {
  it("stores, reads and invalidates entries whose keys and tags live on different nodes", async () => {
    const logger = recordingLogger(); // any failed command is logged here
    const store = new NextCacheStore({
      redis: cluster as unknown as Redis,
      namespace: "next-cache",
      ...patient,
      logger,
    });
    const handler = createUseCacheHandler(store);
    const tags = Array.from({ length: 12 }, (_, i) => `tag-${i}`);
    const slots = new Set(
      tags.map((tag) =>
        spawnSync("redis-cli", ["-p", String(ports[0]), "cluster", "keyslot", store.tags.key(tag)])
          .stdout.toString()
          .trim(),
      ),
    );
    expect(slots.size).toBeGreaterThan(1);

    // As Next does, a get that misses before each render; rendered before the updates below:
    // one in the entry's own millisecond would not count.
    for (let i = 0; i < 12; i++) {
      expect(await handler.get(`key-${i}`, [])).toBeUndefined();
      await sleep(5);
      await handler.set(
        `key-${i}`,
        Promise.resolve(entry(`value ${i}`, { tags, timestamp: Date.now() - 2 })),
      );
    }
    expect(await textOf(await handler.get("key-3", ["_N_T_/layout", "_N_T_/posts"]))).toBe(
      "value 3",
    );
    await handler.updateTags(["tag-7", "tag-2"], { expire: 60 });
    expect((await handler.get("key-3", []))?.revalidate).toBe(-1);
    await handler.updateTags(tags);
    for (let i = 0; i < 12; i++) {
      expect(await handler.get(`key-${i}`, [])).toBeUndefined();
      expect(await cluster.exists(store.entryKey("use-cache", `key-${i}`))).toBe(1); // expired by its tags, not gone
    }
    expect(Number(await cluster.hget(store.tags.key("tag-11"), "e"))).toBeGreaterThan(0);
    await store.access.close();
    expect(logger.messages).toEqual([]);
  });
});
