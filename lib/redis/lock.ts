// Locks in Redis, for work that one process at a time should do (build a missing value, warm the
// cache, rebuild the leaderboard). A lock is SET NX PX with a random token: only its owner may
// release it, and the release compares and deletes in one script, so a lock that expired and was
// taken by another process is never released by the first owner. The expiry bounds how long a
// crashed owner can block the others.
import { randomBytes } from "node:crypto";
import type { RedisClient } from "./client";

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** 1 when released, 0 when the lock was not ours (any more). Plain EVAL: the script is tiny. */
export async function releaseLock(
  client: RedisClient,
  key: string,
  token: string,
): Promise<number> {
  return (await client.eval(RELEASE, 1, key, token)) as number;
}

export const newLockToken = () => randomBytes(16).toString("base64url");

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

/** Runs `work` holding the lock, then releases it; { acquired: false } when another holds it. */
export async function withLock<T>(
  client: RedisClient,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<Locked<T>> {
  const token = newLockToken();
  if ((await client.set(key, token, "PX", ttlMs, "NX")) !== "OK") return { acquired: false };
  try {
    return { acquired: true, value: await work() };
  } finally {
    await releaseLock(client, key, token);
  }
}

/** One look at the lock and at the awaited result. `value` undefined: not there yet. */
export type LockWatch<T> = { held: boolean; value: T | undefined };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The other half of lock-or-wait: a process that found the lock taken polls for the holder's
 * result. The holder stores its result and only then releases the lock, so `look` must read the
 * lock first and the result second: a lock gone and still no result means none is coming. Returns
 * the result, or undefined when none is coming or it takes longer than `timeoutMs`; the caller
 * then does the work itself or falls back.
 */
export async function waitForLockHolder<T>(
  look: () => Promise<LockWatch<T>>,
  options: { timeoutMs: number; pollMs: number },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    await sleep(options.pollMs);
    const { held, value } = await look();
    if (value !== undefined) return value;
    if (!held) return undefined;
  }
  return undefined;
}
