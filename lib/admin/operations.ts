import "server-only";
import { type Cleared, clearTarget, clearTargets, isClearTarget } from "@/lib/admin/clear";
import { assertAdmin } from "@/lib/admin/guard";
import { keyFromInput } from "@/lib/admin/key-ref";
import { recordAdminAction } from "@/lib/admin/mutations";
import { namespaceOf } from "@/lib/admin/namespaces";
import { asText, showLine } from "@/lib/admin/printable";
import { type WarmResult, warmCache } from "@/lib/blog/warm";
import { caches } from "@/lib/blog-cache/caches";
import type { Cache } from "@/lib/cache";
import type { PublicUser } from "@/lib/domains/users/queries";
import { flushAllViews } from "@/lib/domains/view-counts/sweep";
import { AppError } from "@/lib/platform/errors";
import { cacheRedis, redis } from "@/lib/platform/redis";
import { publishCacheInvalidated } from "@/lib/realtime/publish";
import type { RedisClient } from "@/lib/redis/client";

// The admin's actions, each: check the role (again: the route or action checked it too), check
// the input and the confirmation, act, record who did it, and tell live listeners.
// The client clears the extras (sessions, rate-limit windows): the state role's. Each cache
// namespace clears itself on the cache role.
export type Deps = { caches: Cache[]; client: RedisClient };
const appDeps = (): Deps => ({ caches: Object.values(caches()), client: redis() });

const refuse = (field: string, message: string) =>
  new AppError("validation_failed", message, { [field]: message });

/** Clears a namespace (or every cache namespace, or an explicit extra) once `confirm` repeats it. */
export async function clearForAdmin(
  actor: PublicUser,
  input: { target?: unknown; confirm?: unknown },
  deps: Deps = appDeps(),
): Promise<Cleared> {
  assertAdmin(actor);
  const target = typeof input.target === "string" ? input.target : "";
  if (!isClearTarget(target, deps.caches)) {
    throw refuse(
      "target",
      `Choose one of: ${clearTargets(deps.caches)
        .map((t) => t.value)
        .join(", ")}.`,
    );
  }
  if (input.confirm !== target) throw refuse("confirm", `Type ${target} to confirm.`);
  const cleared = await clearTarget(target, deps.caches, deps.client);
  await recordAdminAction({ actor, action: "cache.clear", target, details: cleared });
  await Promise.all(
    cleared.namespaces.map(({ namespace, removed }) =>
      publishCacheInvalidated({
        namespace,
        keys: [`${namespace}:*`],
        reason: `cleared by ${actor.username} (${removed} keys)`,
      }),
    ),
  );
  return cleared;
}

/** Deletes one key (UNLINK) once confirmed. True if it existed. */
export async function deleteKeyForAdmin(
  actor: PublicUser,
  input: { key?: unknown; hex?: unknown; confirm?: unknown },
  client: RedisClient = cacheRedis(),
): Promise<boolean> {
  assertAdmin(actor);
  const key = keyFromInput(input);
  if (input.confirm !== "yes") throw refuse("confirm", "Tick the box to confirm.");
  const existed = (await client.unlink(key)) === 1;
  const text = asText(key);
  const name = text === null ? `hex:${key.toString("hex")}` : text;
  await recordAdminAction({
    actor,
    action: "cache.delete-key",
    target: showLine(name, 1_000).text,
    details: { existed },
  });
  await publishCacheInvalidated({
    namespace: namespaceOf(text ?? key.toString("utf8")),
    keys: [showLine(name, 200).text],
    reason: `key deleted by ${actor.username}`,
  });
  return existed;
}

/** Runs the start-up warming now (skipped if another process is warming). */
export async function warmForAdmin(actor: PublicUser): Promise<WarmResult> {
  assertAdmin(actor);
  const result = await warmCache();
  await recordAdminAction({ actor, action: "cache.warm", details: result });
  return result;
}

/** Moves every pending view count to Postgres now. How many views moved. */
export async function flushViewsForAdmin(actor: PublicUser): Promise<number> {
  assertAdmin(actor);
  const moved = await flushAllViews();
  await recordAdminAction({ actor, action: "views.flush", details: { moved } });
  return moved;
}
