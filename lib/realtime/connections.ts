import "server-only";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/platform/env";
import { StreamAdmission } from "@/lib/realtime/admission";
import { type EventStreamOptions, openEventStream } from "@/lib/realtime/event-stream";
import { streamLeases } from "@/lib/realtime/stream-leases";
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

// GET: a stream if the reader and the process have room for one, else 429 or 503. The reader's
// room is counted here and, across processes, in Redis; with Redis away this process's count decides.
export async function admitEventStream(
  headers: Headers,
  options: EventStreamOptions,
): Promise<Response> {
  const identity = streamIdentity(headers, options.userId);
  const admission = streamAdmission().admit(identity);
  if (!admission.admitted) return admission.refusal();
  const lease = await streamLeases(env().SSE_MAX_PER_IDENTITY).take(identity);
  if (lease.status === "full") {
    admission.release();
    return streamAdmission().tooMany();
  }
  const release = () => {
    admission.release();
    if (lease.status === "taken") lease.release();
  };
  try {
    return await openEventStream({ ...options, onClose: release });
  } catch (error) {
    release();
    throw error;
  }
}

// HEAD: what a GET would get now, without opening anything (the browser asks after a refusal).
export async function eventStreamAdmissionStatus(
  headers: Headers,
  userId: number | null | undefined,
): Promise<Response> {
  const identity = streamIdentity(headers, userId);
  const refused =
    streamAdmission().check(identity) ??
    ((await streamLeases(env().SSE_MAX_PER_IDENTITY).hasRoom(identity)) === false
      ? streamAdmission().tooMany()
      : null);
  return new Response(
    null,
    refused
      ? { status: refused.status, headers: refused.headers }
      : { status: 204, headers: { "Cache-Control": "no-store" } },
  );
}
