// What went wrong with a Redis command, decided once for every caller that fails open (the
// cache's breaker, the limiter, the view counter). Decided by error class, name and code, never
// by message text: ioredis words its messages as it likes from one version to the next.
//
// ioredis rejects a command that waited too long with a plain Error, so the app's clients do
// not use its commandTimeout: lib/redis/client.ts times commands out with RedisTimeoutError.

/**
 * - connection-lost: the command never reached Redis, or the connection dropped under it.
 * - timed-out: sent (or queued) and not answered in time; Redis may still run it.
 * - script-error: Redis answered with an error (a Lua error, WRONGTYPE, NOSCRIPT...): Redis is up.
 * - other: anything else, such as a bug in the caller.
 */
export type RedisFailure = "connection-lost" | "timed-out" | "script-error" | "other";

export class RedisTimeoutError extends Error {
  override readonly name = "RedisTimeoutError";

  constructor(readonly ms: number) {
    super(`Redis did not answer within ${ms} ms`);
  }
}

// ioredis' errors for a command it gave up on because the connection is gone or closed:
// AbortError and its subclass MaxRetriesPerRequestError (redis-errors), and a whole Cluster
// that no node answers.
const CONNECTION_ERRORS = new Set([
  "AbortError",
  "MaxRetriesPerRequestError",
  "ClusterAllFailedError",
  "RedisConnectionLostError",
]);

// Socket errors (Node's codes) that a connection reports when Redis is away.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** A command rejected while the client was not connected (lib/redis/client.ts says so). */
export class RedisConnectionLostError extends Error {
  override readonly name = "RedisConnectionLostError";

  constructor(
    readonly status: string,
    options?: { cause?: unknown },
  ) {
    super(`Redis connection is ${status}`, options);
  }
}

export function classifyRedisError(error: unknown): RedisFailure {
  if (!(error instanceof Error)) return "other";
  // By name, not instanceof: the app's client is made once per process (lib/util/remember.ts) but this
  // module is bundled more than once (Next's server bundles, server.ts, the cache handlers), so
  // an error often comes from another copy of the class. Taken for a lost connection, a timed-out
  // view was counted in Postgres as well as by Redis once it ran it (bench:faults, CLIENT PAUSE).
  if (error.name === "RedisTimeoutError") return "timed-out";
  if (error.name === "ReplyError") return "script-error";
  if (CONNECTION_ERRORS.has(error.name)) return "connection-lost";
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && SOCKET_CODES.has(code)) return "connection-lost";
  return "other";
}

/** The code of an error reply (RESP puts it first: NOSCRIPT, WRONGTYPE, BUSY...), else undefined. */
export function replyCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "ReplyError") return undefined;
  return error.message.split(" ", 1)[0];
}
