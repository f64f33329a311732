import "server-only";
import { nextCacheStore } from "./app-store";

/**
 * Expires tags of Next's cache now, in every process: what Next's updateTag does, written through
 * the handler's own store. Next's updateTag throws in route handlers and revalidateTag needs a
 * request; the view sweep, warm-up and tests have neither, and this works in all of them.
 */
export async function expireNextCacheTags(tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  if (!(await nextCacheStore().tags.update(tags))) {
    throw new Error(`Next's cache tags ${tags.join(", ")} could not be expired`);
  }
}
