// The app's Redis clients, built from its settings on the toolkit's factory (lib/redis/client.ts):
// every command times out after REDIS_COMMAND_TIMEOUT_MS, counts into the request's trace, is
// timed into blog_redis_command_duration_seconds and, when tracing is on, is a span.
// Free of "server-only" so that Next's cache handlers, which Node loads by path outside the app's
// bundle (lib/next-cache/handlers/), share the process's one command client.
import type { RedisOptions } from "ioredis";
import { env } from "@/lib/platform/env";
import { recordRedisCommand } from "@/lib/platform/request-trace";
import {
  type CommandObserver,
  createClient,
  duplicateClient,
  type RedisClient,
  type RedisTarget,
  reportOutages,
} from "@/lib/redis/client";
import { logger } from "@/lib/util/logger";
import { redactUrl } from "@/lib/util/redact-url";
import { remember } from "@/lib/util/remember";
import { SpanKind, startSpan, tracingOn } from "@/lib/util/tracing";
import { observeRedisCommand } from "./metrics";

/** What every app client does with each command it sends (the page cache's in server.ts too). */
export const observeCommand: CommandObserver = (command) => {
  recordRedisCommand();
  const started = performance.now();
  const span = tracingOn() ? commandSpan(command) : undefined;
  return (error) => {
    observeRedisCommand(command, performance.now() - started);
    span?.(error);
  };
};

// Named as OpenTelemetry's database conventions name a Redis command's span.
function commandSpan(command: string) {
  const operation = command.toUpperCase();
  return startSpan(
    operation,
    { "db.system.name": "redis", "db.operation.name": operation },
    SpanKind.CLIENT,
  );
}

/**
 * The state role: sessions, pending views, limits, the leaderboard, activity, follows, locks,
 * pub/sub; and everything when no cache role is set. Opened on first use.
 */
export function redis(): RedisClient {
  return remember("redis", () => {
    const settings = env();
    return roleClient(stateTarget(settings), {
      lost: "redis unavailable",
      back: "redis available again",
    });
  });
}

/**
 * The cache role: every entry that a miss can rebuild (the data caches, the page cache, Next's
 * cache), on CACHE_REDIS_URL's Redis (or CACHE_REDIS_CLUSTER_NODES' Cluster) when one is set,
 * which may evict; else the state role's client.
 */
export function cacheRedis(): RedisClient {
  const target = cacheTarget(env());
  if (!target) return redis();
  return remember("cacheRedis", () =>
    roleClient(target, { lost: "cache redis unavailable", back: "cache redis available again" }),
  );
}

type Settings = ReturnType<typeof env>;

/** Where the state role lives: REDIS_CLUSTER_NODES' Cluster when it is set, else REDIS_URL. */
export function stateTarget(settings: Settings): RedisTarget {
  return settings.REDIS_CLUSTER_NODES
    ? { clusterNodes: settings.REDIS_CLUSTER_NODES }
    : { url: settings.REDIS_URL };
}

/** Where the cache role lives when it has a Redis of its own; undefined: the state role's. */
export function cacheTarget(settings: Settings): RedisTarget | undefined {
  if (settings.CACHE_REDIS_URL) return { url: settings.CACHE_REDIS_URL };
  if (settings.CACHE_REDIS_CLUSTER_NODES)
    return { clusterNodes: settings.CACHE_REDIS_CLUSTER_NODES };
  return undefined;
}

/** Where a target is, for logs: a URL without its password, or the Cluster's seed nodes. */
function describeTarget(target: RedisTarget): string {
  return "url" in target
    ? redactUrl(target.url)
    : `cluster ${target.clusterNodes.map((node) => `${node.host}:${node.port}`).join(",")}`;
}

function roleClient(target: RedisTarget, messages: { lost: string; back: string }): RedisClient {
  const client = appClient(target);
  reportOutages(client, logger, messages, { redis: describeTarget(target) });
  return client;
}

/** A client with the app's options, counted into the request trace. */
function appClient(target: RedisTarget, overrides: RedisOptions = {}): RedisClient {
  return createClient(
    target,
    { timeoutMs: env().REDIS_COMMAND_TIMEOUT_MS, onCommand: observeCommand },
    overrides,
  );
}

/**
 * A connection of its own beside the command client (a subscriber), with its outages logged.
 * What it does is not a request's cost, so its commands are not counted.
 */
export function sideConnection(
  overrides: RedisOptions,
  messages: { lost: string; back: string },
): RedisClient {
  const connection = duplicateClient(redis(), env().REDIS_COMMAND_TIMEOUT_MS, overrides);
  reportOutages(connection, logger, messages);
  return connection;
}
