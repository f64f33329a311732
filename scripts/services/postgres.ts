// DATABASE_URL's Postgres: used when it answers; started from the embedded binaries when the URL
// is local and nothing listens on its port.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { ensureDatabase } from "../../lib/platform/migrator";
import { redactUrl } from "../../lib/util/redact-url";
import { initialise, postgresBinaries, postgresIds, runningServer } from "./embedded-postgres";
import { ServiceError } from "./errors";
import { endpointOf, isLocal, listening, postgresProblem } from "./probe";
import {
  logTail,
  ownerGone,
  recordOwner,
  type StartedService,
  spawnService,
  stopService,
} from "./process";

export type ServiceOptions = {
  url: string;
  /** Where started services keep their files (the demo: .data). */
  dataDir: string;
  /** The process responsible for stopping what is started: the demo, or the shell of `npm test`. */
  owner: number;
  log: (line: string) => void;
};

/** Makes sure Postgres answers at the URL; returns the server when this call started it (or took over one a killed run left). */
export async function ensurePostgres(options: ServiceOptions): Promise<StartedService | null> {
  const { url, dataDir, owner, log } = options;
  const { host, port } = endpointOf(url, 5432);
  const dir = path.resolve(dataDir, `postgres-${port}`);
  const pgdata = path.join(dir, "data");
  const ownerFile = path.join(dir, "owner");
  const state = await listening({ host, port }).catch((error: Error) => error);
  if (state === true) {
    const problem = await postgresProblem(url);
    if (problem) {
      throw new ServiceError(
        `Something listens at ${redactUrl(url)}, but not a Postgres this URL can use (${problem.replace(/\.$/, "")}): check DATABASE_URL (in .env).`,
      );
    }
    const left = isLocal(host) ? runningServer(pgdata) : null;
    if (!left || left.port !== port || !ownerGone(ownerFile)) return null;
    recordOwner(ownerFile, owner);
    log(`services: taking over the Postgres an earlier run left on port ${port} (pid ${left.pid})`);
    return service(left.pid, port, pgdata);
  }
  if (!isLocal(host) || state !== false) {
    const why = state === false ? "connection refused" : state.message;
    throw new ServiceError(
      `Postgres does not answer at ${redactUrl(url)} (${why}).${isLocal(host) ? "" : " That is not this machine, so the demo does not start one there:"} Start it, or set DATABASE_URL (in .env) to a Postgres that runs.`,
    );
  }
  return startPostgres(url, dir, owner, log);
}

/** initdb when the data directory is new, then postgres on the URL's address and port, and the URL's database. */
async function startPostgres(
  url: string,
  dir: string,
  owner: number,
  log: (line: string) => void,
): Promise<StartedService> {
  const { host, port } = endpointOf(url, 5432);
  const pgdata = path.join(dir, "data");
  const started = Date.now();
  const binaries = await postgresBinaries();
  const ids = postgresIds();
  mkdirSync(dir, { recursive: true });
  const created = await initialise(binaries, pgdata, new URL(url), ids);
  const other = runningServer(pgdata);
  if (other) {
    throw new ServiceError(
      `The embedded Postgres of ${pgdata} runs already, on port ${other.port} (pid ${other.pid}), not ${port}: stop it (kill -INT ${other.pid}) or use that port.`,
    );
  }
  const logFile = path.join(dir, "postgres.log");
  const child = spawnService(
    binaries.postgres,
    ["-D", pgdata, "-p", String(port), "-c", `listen_addresses=${host}`]
      // No Unix socket: only TCP on the URL's address, nothing in /tmp or /var/run.
      .concat(["-c", "unix_socket_directories="]),
    logFile,
    ids,
  );
  const pid = child.pid ?? 0;
  recordOwner(path.join(dir, "owner"), owner);
  const server = service(pid, port, pgdata);
  try {
    await ready(url, () => !pid || child.exitCode !== null || child.signalCode !== null);
    await ensureDatabase(url);
  } catch (error) {
    await stopService(server);
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(
      `The embedded Postgres did not start on port ${port}: ${(error as Error).message}\n  ${logFile} ends:\n${logTail(logFile)}`,
    );
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `services: started Postgres (embedded-postgres) on ${host}:${port}, pid ${pid}, data in ${shown(pgdata)} (${created ? "new" : "kept"}), in ${seconds} s`,
  );
  return server;
}

/** A path as a person would type it: relative to here when it is inside. */
const shown = (file: string) =>
  path.relative(".", file).startsWith("..") ? file : path.relative(".", file);

const service = (pid: number, port: number, pgdata: string): StartedService => ({
  name: "Postgres",
  pid,
  port,
  command: pgdata,
  signal: "SIGINT",
});

async function ready(url: string, exited: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("it exited");
    if (await listening(endpointOf(url, 5432)).catch(() => false)) {
      const problem = await postgresProblem(url);
      if (problem === null) return;
      if (!problem.includes("starting up")) throw new Error(problem);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer within ${timeoutMs / 1000} s`);
}
