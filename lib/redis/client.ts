// Redis clients with the toolkit's behaviour: every command timed out with an error of its own
// class (errors.ts), and counted through a hook, so that the layer above (the app's request
// trace) can count them without this layer knowing it exists. The app's own clients, built from
// its settings, are lib/platform/redis.ts.
//
// One node or a Cluster, chosen by the target: the rest of the app is ready for either. Keys that
// one script or MULTI touches together share a {hash tag}, multi-key commands are grouped by slot
// and scans walk every master (scan.ts). ioredis groups auto-pipelined commands by the nodes that
// serve their slots, so concurrent scripts on different slots are never sent as one batch to the
// wrong node (tests/integration/redis/concurrent-scripts.test.ts).
import Redis, { Cluster, type RedisOptions } from "ioredis";
import { Deadlines } from "./deadlines";
import { classifyRedisError, RedisConnectionLostError } from "./errors";
import { clusterOptions, redisOptions } from "./options";
import type { WarnLogger } from "./throttled-log";

/** What the app talks to: one Redis server, or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** Where a client connects: a redis:// URL, or a Cluster's seed nodes (any of its nodes will do). */
export type RedisTarget = { url: string } | { clusterNodes: readonly SeedNode[] };

export type SeedNode = { host: string; port: number };

/** `host:port,host:port` (REDIS_CLUSTER_NODES) as seed nodes; throws on a malformed entry. */
export function parseClusterNodes(list: string): SeedNode[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
      const port = Number(match?.[2]);
      if (!match || port < 1 || port > 65_535) {
        const shown = entry.length > 40 ? `${entry.slice(0, 40)}…` : entry;
        throw new RangeError(`"${shown}" is not host:port`);
      }
      return { host: match[1].replace(/^\[|\]$/g, ""), port };
    });
}

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
  target: RedisTarget,
  instrumentation: Instrumentation,
  overrides: RedisOptions = {},
): RedisClient {
  const options = { ...redisOptions(), ...overrides };
  const client =
    "url" in target
      ? new Redis(target.url, options)
      : new Cluster([...target.clusterNodes], clusterOptions(options));
  return instrument(client, instrumentation);
}

/** Another connection like `client` (a subscriber), timed out the same way but not counted. */
export function duplicateClient(
  client: RedisClient,
  timeoutMs: number,
  overrides: RedisOptions = {},
): RedisClient {
  const copy =
    client instanceof Cluster
      ? client.duplicate([], { redisOptions: { ...client.options.redisOptions, ...overrides } })
      : client.duplicate(overrides);
  return instrument(copy, { timeoutMs });
}

// Every command goes through sendCommand, so this is where each command is counted, and where a
// command that waits too long, or that is refused because the connection is gone, is given an
// error of its own class (./errors.ts) rather than ioredis' plain Error.
export function instrument<C extends RedisClient>(
  client: C,
  { timeoutMs, onCommand }: Instrumentation,
): C {
  const send = client.sendCommand.bind(client) as Redis["sendCommand"];
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

/**
 * Resolves once the client can send commands (a Cluster: once it has its slot map and its
 * nodes), or rejects after `ms`. For work at start-up, whose first commands would otherwise meet
 * a Cluster still connecting and give up at their own timeout.
 */
export function whenReady(client: RedisClient, ms: number): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  if (client.status === "wait") void client.connect().catch(() => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("ready", ready);
      reject(new Error(`Redis not ready within ${ms} ms (status ${client.status})`));
    }, ms);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once("ready", ready);
  });
}

/** Logs once when the connection is lost and once when it is back, not at every retry. */
export function reportOutages(
  client: RedisClient,
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
