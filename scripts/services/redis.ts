// REDIS_URL's Redis: used when it answers; when the URL is local and nothing listens on its port,
// a redis-server of our own there, keeping nothing on disk (the blog expects Redis to lose
// everything at any moment). Debian's package is installed first when it is missing and we are root.

import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { redactUrl } from "../../lib/util/redact-url";
import { ServiceError } from "./errors";
import type { ServiceOptions } from "./postgres";
import { endpointOf, isLocal, listening, redisProblem } from "./probe";
import {
  logTail,
  ownerGone,
  recordOwner,
  running,
  type StartedService,
  spawnService,
  stopService,
} from "./process";

/** Makes sure Redis answers at the URL; returns the server when this call started it (or took over one a killed run left). */
export async function ensureRedis(options: ServiceOptions): Promise<StartedService | null> {
  const { url, dataDir, owner, log } = options;
  const { host, port } = endpointOf(url, 6379);
  const dir = path.resolve(dataDir, `redis-${port}`);
  const pidFile = path.join(dir, "redis.pid");
  const ownerFile = path.join(dir, "owner");
  if (await answers(url, host, port)) {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : 0;
    if (!isLocal(host) || !running(pid, "redis-server") || !ownerGone(ownerFile)) return null;
    recordOwner(ownerFile, owner);
    log(`services: taking over the Redis an earlier run left on port ${port} (pid ${pid})`);
    return service(pid, port);
  }
  if (!isLocal(host)) {
    throw new ServiceError(
      `Redis does not answer at ${redactUrl(url)}. That is not this machine, so the demo does not start one there: start it, or set REDIS_URL (in .env) to a Redis that runs.`,
    );
  }
  const binary = redisServer(log);
  // Installing Debian's package may have started its own Redis (where services start on install).
  if (await answers(url, host, port)) return null;
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, "redis.log");
  const bind = host === "localhost" ? ["127.0.0.1", "-::1"] : [host];
  const child = spawnService(
    binary,
    ["--port", String(port), "--bind", ...bind, "--save", "", "--appendonly", "no"].concat([
      "--dir",
      dir,
      "--pidfile",
      pidFile,
      "--daemonize",
      "no",
    ]),
    logFile,
  );
  const pid = child.pid ?? 0;
  recordOwner(ownerFile, owner);
  const deadline = Date.now() + 20_000;
  while ((await redisProblem(url)) !== null) {
    if (!pid || child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stopService(service(pid, port));
      throw new ServiceError(
        `redis-server did not start on port ${port}; ${logFile} ends:\n${logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log(`services: started redis-server on ${host}:${port}, pid ${pid}, nothing kept on disk`);
  return service(pid, port);
}

const service = (pid: number, port: number): StartedService => ({
  name: "Redis",
  pid,
  port,
  command: "redis-server",
  signal: "SIGTERM",
});

/** True when Redis answers there, false when nothing listens (or, not local, nothing can be reached). */
async function answers(url: string, host: string, port: number): Promise<boolean> {
  const state = await listening({ host, port }).catch((error: Error) => error);
  if (state instanceof Error && isLocal(host)) {
    throw new ServiceError(`Redis does not answer at ${redactUrl(url)} (${state.message}).`);
  }
  if (state !== true) return false;
  const problem = await redisProblem(url);
  if (problem) {
    throw new ServiceError(
      `Something listens at ${redactUrl(url)}, but not a Redis this URL can use (${problem.replace(/\.$/, "")}): check REDIS_URL (in .env).`,
    );
  }
  return true;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** redis-server from PATH; as root with apt-get, Debian's package installed first when it is missing. */
function redisServer(log: (line: string) => void): string {
  const found = onPath("redis-server");
  if (found) return found;
  const fix = "install it (`sudo apt-get install -y redis-server`) or start a Redis yourself";
  if (process.getuid?.() !== 0 || !onPath("apt-get")) {
    throw new ServiceError(`Redis is not running and redis-server is not installed: ${fix}.`);
  }
  log("services: redis-server is not installed; installing Debian's package (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "redis-server"],
  ]) {
    const result = spawnSync("apt-get", args, { env, stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) {
      throw new ServiceError(`\`apt-get ${args.join(" ")}\` failed; ${fix}.`);
    }
  }
  const installed = onPath("redis-server");
  if (!installed) throw new ServiceError(`apt-get installed no redis-server; ${fix}.`);
  return installed;
}
