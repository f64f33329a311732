// The app's Redis clients, built in one place. Free of "server-only" so that Next's cache
// handlers, which Node loads by path outside the app's bundle (lib/next-cache/handlers/), share
// them; app code imports them through lib/redis/index.ts.
//
// Single node today. On Redis Cluster, createClient is the one place to change: it would build
// `new Cluster(nodes, { redisOptions })`. The rest of the app is ready for it: keys that one
// script or MULTI touches together share a {hash tag}, and scans walk every master (scan.ts).
import Redis, { type RedisOptions } from "ioredis";
import { env } from "@/lib/platform/env";
import { recordRedisCommand } from "@/lib/platform/request-trace";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";
import { Deadlines } from "./deadlines";
import { classifyRedisError, RedisConnectionLostError } from "./errors";
import { commandTimeoutMs, redisOptions } from "./options";

export { redisOptions };

/** The process's command client, opened on first use. */
export function redis(): Redis {
  return remember("redis", () => {
    const client = createClient(env().REDIS_URL);
    reportOutages(client, "redis unavailable", "redis available again", {
      url: redactUrl(env().REDIS_URL),
    });
    return client;
  });
}

/** A client with the app's options, its commands counted and timed out (see instrument). */
export function createClient(url: string, overrides: RedisOptions = {}): Redis {
  return instrument(new Redis(url, { ...redisOptions(), ...overrides }));
}

/**
 * Another connection like `client` (a subscriber), timed out the same way. Its commands are not
 * counted into requests' traces: what it does (subscriptions) is not a request's cost.
 */
export function duplicateClient(client: Redis, overrides: RedisOptions = {}): Redis {
  return instrument(client.duplicate(overrides), { counted: false });
}

// Every command goes through sendCommand, so this is where each request's Redis cost is counted,
// and where a command that waits too long, or that is refused because the connection is gone,
// is given an error of its own class (lib/redis/errors.ts) rather than ioredis' plain Error.
export function instrument(
  client: Redis,
  { counted = true, timeoutMs = commandTimeoutMs() } = {},
): Redis {
  const send = client.sendCommand.bind(client);
  const deadlines = new Deadlines(timeoutMs);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    if (counted) recordRedisCommand();
    const [command] = args;
    const reject = command.reject;
    // Not connected when it failed: it was never sent, or queued offline and not run (ioredis
    // does not say which with an error class of its own).
    command.reject = (error: Error) =>
      reject(
        client.status !== "ready" && classifyRedisError(error) !== "script-error"
          ? new RedisConnectionLostError(client.status, { cause: error })
          : error,
      );
    deadlines.track(command.promise, (error) => {
      if (!command.isResolved) command.reject(error);
    });
    return send(...args);
  };
  return client;
}

/** Logs once when the connection is lost and once when it is back, not at every retry. */
export function reportOutages(
  client: Redis,
  lost: string,
  back: string,
  fields: Record<string, unknown> = {},
): void {
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(lost, { ...fields, error: error.message });
  });
  client.on("ready", () => {
    if (down) logger.info(back, fields);
    down = false;
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}
