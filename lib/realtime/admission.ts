import { sseComment, sseRetry } from "@/lib/realtime/sse";

// How many event streams this process keeps open: each holds a socket, a heartbeat timer, hub
// listeners and buffers. Per identity (`user:<id>`, or `ip:<address>` for anonymous readers) and
// in total. The counts are per process, like the streams they count: the total bounds this
// process's own sockets and memory; a reader's streams across processes are also counted in
// Redis (stream-leases.ts), and this process's count is what decides while Redis is away.
export type AdmissionLimits = { perIdentity: number; total: number; retryAfterSeconds: number };

export type Admission =
  | { admitted: true; release: () => void }
  | { admitted: false; refusal: () => Response };

export class StreamAdmission {
  private readonly byIdentity = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: AdmissionLimits) {}

  // Would `identity` get a stream now? For HEAD, which the browser asks after a refusal.
  check(identity: string): Response | null {
    if (this.open >= this.limits.total)
      return this.refuse(503, "The server has as many live connections as it can hold.");
    if ((this.byIdentity.get(identity) ?? 0) >= this.limits.perIdentity) return this.tooMany();
    return null;
  }

  /** The refusal of a reader who holds their limit of streams (here, or on every process: stream-leases.ts). */
  tooMany(): Response {
    return this.refuse(
      429,
      `Too many live connections from you (at most ${this.limits.perIdentity}). Close a tab or wait.`,
    );
  }

  admit(identity: string): Admission {
    const refused = this.check(identity);
    if (refused) return { admitted: false, refusal: () => refused };
    this.open += 1;
    this.byIdentity.set(identity, (this.byIdentity.get(identity) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.open -= 1;
      const left = (this.byIdentity.get(identity) ?? 1) - 1;
      if (left > 0) this.byIdentity.set(identity, left);
      else this.byIdentity.delete(identity);
    };
    return { admitted: true, release };
  }

  // 429 or 503 with Retry-After, and the same hint as the SSE `retry:` field for clients that
  // read the body of a refused stream. EventSource itself gives up on any status but 200 and
  // shows scripts neither, so lib/browser/live-events.ts asks with HEAD before it tries again.
  private refuse(status: 429 | 503, message: string): Response {
    const seconds = this.limits.retryAfterSeconds;
    return new Response(sseRetry(seconds * 1000) + sseComment(message), {
      status,
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Retry-After": String(seconds),
        "Cache-Control": "no-store",
      },
    });
  }
}
