// The app's Redis clients, built from its settings on the toolkit's factory (lib/redis/client.ts):
// every command times out after REDIS_COMMAND_TIMEOUT_MS, counts into the request's trace, is
// timed into blog_redis_command_duration_seconds and, when tracing is on, is a span.
// Free of "server-only" so that Next's cache handlers, which Node loads by path outside the app's
// bundle (lib/next-cache/handlers/), share the process's one command client.
import type Redis from "ioredis";
import type { RedisOptions } from "ioredis";
import { env } from "@/lib/platform/env";
import { recordRedisCommand } from "@/lib/platform/request-trace";
import {
  type CommandObserver,
  createClient,
  duplicateClient,
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
 * pub/sub; and everything when CACHE_REDIS_URL is unset. Opened on first use.
 */
export function redis(): Redis {
  return remember("redis", () => {
    const client = appClient(env().REDIS_URL);
    reportOutages(
      client,
      logger,
      { lost: "redis unavailable", back: "redis available again" },
      { url: redactUrl(env().REDIS_URL) },
    );
    return client;
  });
}

/**
 * The cache role: every entry that a miss can rebuild (the data caches, the page cache, Next's
 * cache), on CACHE_REDIS_URL's Redis when it is set, which may evict; else the state role's client.
 */
export function cacheRedis(): Redis {
  const url = env().CACHE_REDIS_URL;
  if (!url) return redis();
  return remember("cacheRedis", () => {
    const client = appClient(url);
    reportOutages(
      client,
      logger,
      { lost: "cache redis unavailable", back: "cache redis available again" },
      { url: redactUrl(url) },
    );
    return client;
  });
}

/** A client with the app's options, counted into the request trace. */
function appClient(url: string, overrides: RedisOptions = {}): Redis {
  return createClient(
    url,
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
): Redis {
  const connection = duplicateClient(redis(), env().REDIS_COMMAND_TIMEOUT_MS, overrides);
  reportOutages(connection, logger, messages);
  return connection;
}
