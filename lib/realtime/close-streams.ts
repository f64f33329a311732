import "server-only";
import { createHash } from "node:crypto";
import { redis } from "@/lib/platform/redis";
import { channels } from "@/lib/realtime/channels";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

// Ending sessions ends their Server-Sent Event streams too, in every process: a control message
// on the user's own channel, which each of their open streams listens to already. It is not an
// event for browsers (decodeDelivered refuses it): the stream that hears it closes, and the
// browser reconnects as whoever its cookie now says (signed out, or still this session).

/**
 * What streams and control messages name a session by: a hash of its id, so the id itself (a
 * bearer secret) never travels over pub/sub.
 */
export const sessionTag = (sid: string) =>
  createHash("sha256").update(sid).digest("base64url").slice(0, 22);

/** Every stream of the user; all but one session's (`except`); or one session's (`only`). */
export type StreamsToClose = { except?: string; only?: string };
type CloseMessage = StreamsToClose & { control: "close-streams" };

export function decodeCloseStreams(message: string): StreamsToClose | null {
  if (!message.includes('"close-streams"')) return null;
  try {
    const { control, except, only } = JSON.parse(message) as Partial<CloseMessage>;
    if (control !== "close-streams") return null;
    return {
      ...(typeof except === "string" && { except }),
      ...(typeof only === "string" && { only }),
    };
  } catch {
    return null;
  }
}

export function closes(which: StreamsToClose, tag: string | null): boolean {
  if (which.only !== undefined) return tag === which.only;
  return which.except === undefined || tag !== which.except;
}

/**
 * Tells every process to close these streams of the user. False if Redis did not take the
 * message: those streams then stay open (hearing nothing while Redis is away) until the browser
 * leaves or reconnects, and on reconnecting it is served as signed out.
 */
export async function closeUserStreams(
  userId: number,
  which: StreamsToClose = {},
): Promise<boolean> {
  const message: CloseMessage = { control: "close-streams", ...which };
  try {
    await redis().publish(channels.user(userId), JSON.stringify(message));
    return true;
  } catch (error) {
    logger.warn("live streams of ended sessions not closed", {
      userId,
      error: errorMessage(error),
    });
    return false;
  }
}
