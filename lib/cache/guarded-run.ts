// How a cache reaches Redis: each command on its client, through the cache's own breaker (a
// short timeout, then a circuit that opens); for a disabled cache (Flask-Caching's NullCache),
// never: every command fails at once, so reads miss and loaders run.
import { Breaker, type Run } from "../redis/breaker";
import type { ThrottledLog } from "../redis/throttled-log";
import type { ClientHandle } from "./client";
import type { CacheOptions } from "./options";

type GuardOptions = Pick<
  CacheOptions,
  "namespace" | "disabled" | "commandTimeoutMs" | "breakerThreshold" | "breakerCooldownMs" | "now"
>;

export function guardedRun(
  options: GuardOptions,
  client: ClientHandle,
  log: ThrottledLog,
  onError: () => void,
): Run {
  if (options.disabled) return async () => ({ ok: false });
  const breaker = new Breaker(
    {
      name: options.namespace,
      commandTimeoutMs: options.commandTimeoutMs ?? 100,
      failureThreshold: options.breakerThreshold ?? 5,
      cooldownMs: options.breakerCooldownMs ?? 5000,
      now: options.now ?? Date.now,
    },
    log,
    onError,
  );
  return (command) => breaker.run(() => command(client.get()));
}
