import "server-only";
import {
  ACTIVITY_TTL_SECONDS,
  activityCountsKey,
  activityGenerationKey,
  activityKey,
} from "@/lib/domains/activity/keys";
import { activityFromPostgres } from "@/lib/domains/activity/queries";
import { writeStreamIfCurrentScript } from "@/lib/domains/activity/scripts";
import type { Stream } from "@/lib/domains/activity/types";
import { redis } from "@/lib/platform/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

// One script, so a reader sees no stream or the whole of it; refused when the stream was dropped
// (its generation bumped) since `generation` was read, because the Postgres read that built
// this copy may predate the change that dropped it.
async function writeStream(
  userId: number,
  { entries, counts }: Stream,
  generation: string,
): Promise<boolean> {
  const pairs = Object.entries(counts).flat();
  const written = await writeStreamIfCurrentScript(
    redis(),
    [activityKey(userId), activityCountsKey(userId), activityGenerationKey(userId)],
    [
      generation,
      ACTIVITY_TTL_SECONDS,
      ...pairs,
      "--",
      ...entries.map((entry) => JSON.stringify(entry)),
    ],
  );
  return written === 1;
}

/**
 * Rebuilds a missing stream from Postgres and returns it. Writing it back is best effort: with
 * Redis away the caller still gets the stream.
 */
export async function rebuildActivity(userId: number): Promise<Stream> {
  const generation = (await redis().get(activityGenerationKey(userId))) ?? "";
  const stream = await activityFromPostgres(userId);
  await writeStream(userId, stream, generation).catch((error: unknown) =>
    logger.warn("activity stream not stored", { userId, error: errorMessage(error) }),
  );
  return stream;
}
