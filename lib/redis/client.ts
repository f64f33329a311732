// Redis clients with the toolkit's behaviour: every command timed out with an error of its own
// class (errors.ts), and counted through a hook, so that the layer above (the app's request
// trace) can count them without this layer knowing it exists. The app's own clients, built from
// its settings, are lib/platform/redis.ts.
//
// Single node today. On Redis Cluster, createClient is the one place to change: it would build
// `new Cluster(nodes, { redisOptions })`. The rest of the app is ready for it: keys that one
// script or MULTI touches together share a {hash tag}, and scans walk every master (scan.ts).
import Redis, { type RedisOptions } from "ioredis";
import { Deadlines } from "./deadlines";
import { classifyRedisError, RedisConnectionLostError } from "./errors";
import { redisOptions } from "./options";
import type { WarnLogger } from "./throttled-log";

export interface Instrumentation {
  /** The limit on every command (REDIS_COMMAND_TIMEOUT_MS in the app): a RedisTimeoutError after it. */
  timeoutMs: number;
  /**
   * Called for every command sent, with its name (`get`, `evalsha`), e.g. to count a request's
   * Redis cost; what it returns is called when the command has settled (with its error, if it
   * failed), e.g. to time it.
   */
  onCommand?: CommandObserver;
}

export type CommandObserver = (command: string) => ((error?: unknown) => void) | undefined;

/** A client with the toolkit's options, its commands timed out and counted (see instrument). */
export function createClient(
  url: string,
  instrumentation: Instrumentation,
  overrides: RedisOptions = {},
): Redis {
  return instrument(new Redis(url, { ...redisOptions(), ...overrides }), instrumentation);
}

/** Another connection like `client` (a subscriber), timed out the same way but not counted. */
export function duplicateClient(
  client: Redis,
  timeoutMs: number,
  overrides: RedisOptions = {},
): Redis {
  return instrument(client.duplicate(overrides), { timeoutMs });
}

// Every command goes through sendCommand, so this is where each command is counted, and where a
// command that waits too long, or that is refused because the connection is gone, is given an
// error of its own class (./errors.ts) rather than ioredis' plain Error.
export function instrument(client: Redis, { timeoutMs, onCommand }: Instrumentation): Redis {
  const send = client.sendCommand.bind(client);
  const deadlines = new Deadlines(timeoutMs);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    const [command] = args;
    const settled = onCommand?.(command.name);
    const reject = command.reject;
    // Not connected when it failed: it was never sent, or queued offline and not run (ioredis
    // does not say which with an error class of its own).
    command.reject = (error: Error) =>
      reject(
        client.status !== "ready" && classifyRedisError(error) !== "script-error"
          ? new RedisConnectionLostError(client.status, { cause: error })
          : error,
      );
    deadlines.track(
      command.promise,
      (error) => {
        if (!command.isResolved) command.reject(error);
      },
      settled,
    );
    return send(...args);
  };
  return client;
}

/** Logs once when the connection is lost and once when it is back, not at every retry. */
export function reportOutages(
  client: Redis,
  logger: WarnLogger & { info(message: string, fields?: Record<string, unknown>): void },
  messages: { lost: string; back: string },
  fields: Record<string, unknown> = {},
): void {
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(messages.lost, { ...fields, error: error.message });
  });
  client.on("ready", () => {
    if (down) logger.info(messages.back, fields);
    down = false;
  });
}
