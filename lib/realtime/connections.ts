import "server-only";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/platform/env";
import { StreamAdmission } from "@/lib/realtime/admission";
import { type EventStreamOptions, openEventStream } from "@/lib/realtime/event-stream";
import { remember } from "@/lib/util/remember";

function streamAdmission(): StreamAdmission {
  return remember("streamAdmission", () => {
    const settings = env();
    return new StreamAdmission({
      perIdentity: settings.SSE_MAX_PER_IDENTITY,
      total: settings.SSE_MAX_CONNECTIONS,
      retryAfterSeconds: settings.SSE_RETRY_AFTER_SECONDS,
    });
  });
}

// Whose streams these are: the signed-in user wherever they connect from, else the address.
function streamIdentity(headers: Headers, userId: number | null | undefined): string {
  return userId ? `user:${userId}` : `ip:${clientAddress(headers, env().TRUST_PROXY)}`;
}

// GET: a stream if the reader and the process have room for one, else 429 or 503.
export async function admitEventStream(
  headers: Headers,
  options: EventStreamOptions,
): Promise<Response> {
  const admission = streamAdmission().admit(streamIdentity(headers, options.userId));
  if (!admission.admitted) return admission.refusal();
  try {
    return await openEventStream({ ...options, onClose: admission.release });
  } catch (error) {
    admission.release();
    throw error;
  }
}

// HEAD: what a GET would get now, without opening anything (the browser asks after a refusal).
export function eventStreamAdmissionStatus(
  headers: Headers,
  userId: number | null | undefined,
): Response {
  const refused = streamAdmission().check(streamIdentity(headers, userId));
  return new Response(
    null,
    refused
      ? { status: refused.status, headers: refused.headers }
      : { status: 204, headers: { "Cache-Control": "no-store" } },
  );
}
