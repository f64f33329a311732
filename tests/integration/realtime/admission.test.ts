// Caps on event streams, per reader and per process, driven the way GET/HEAD /api/events drive
// them, with the real subscriber on the test Redis; a reader's streams on other processes are
// counted through their leases in Redis (lib/realtime/stream-leases.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/platform/env";
import { StreamAdmission } from "@/lib/realtime/admission";
import { channelsFor } from "@/lib/realtime/channels";
import { admitEventStream, eventStreamAdmissionStatus } from "@/lib/realtime/connections";
import { realtimeStats } from "@/lib/realtime/stats";
import { StreamLeases } from "@/lib/realtime/stream-leases";
import { Breaker } from "@/lib/redis";
import { eventually, parseFrames } from "./helpers";

// Where lib/util/remember.ts keeps the process's admission.
const globals = globalThis as unknown as Record<symbol, StreamAdmission | undefined>;
const remembered = Symbol.for("blog:streamAdmission");
let previous: StreamAdmission | undefined;
const open: AbortController[] = [];

beforeAll(() => {
  previous = globals[remembered];
  globals[remembered] = new StreamAdmission({ perIdentity: 3, total: 5, retryAfterSeconds: 7 });
});
afterEach(async () => {
  for (const controller of open.splice(0)) controller.abort();
  await eventually(() => expect(realtimeStats().connections).toBe(0));
});
afterAll(() => {
  globals[remembered] = previous;
});

const from = (address: string) => new Headers({ "x-forwarded-for": address });

async function connect(address: string, userId: number | null = null): Promise<Response> {
  const controller = new AbortController();
  const response = await admitEventStream(from(address), {
    channels: channelsFor(userId),
    userId,
    signal: controller.signal,
  });
  if (response.status === 200) open.push(controller);
  return response;
}

async function expectRefused(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("retry-after")).toBe("7");
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(parseFrames(await response.text())[0]).toMatchObject({ retry: 7000 });
}

describe("event stream admission", () => {
  it("refuses a reader's stream past their cap with 429 and a retry hint; others still connect", async () => {
    for (let i = 0; i < 3; i++) expect((await connect("203.0.113.1")).status).toBe(200);
    await expectRefused(await connect("203.0.113.1"), 429);
    expect((await eventStreamAdmissionStatus(from("203.0.113.1"), null)).status).toBe(429);
    expect((await eventStreamAdmissionStatus(from("203.0.113.2"), null)).status).toBe(204);
    expect((await connect("203.0.113.2")).status).toBe(200);
    expect(realtimeStats().connections).toBe(4);
  });

  it("counts a signed-in reader as themselves from any address", async () => {
    for (const address of ["203.0.113.3", "203.0.113.4", "203.0.113.5"])
      expect((await connect(address, 42)).status).toBe(200);
    await expectRefused(await connect("203.0.113.6", 42), 429);
    expect((await connect("203.0.113.6")).status).toBe(200);
  });

  it("refuses everyone with 503 when the process holds its total, and admits again when a stream ends", async () => {
    for (let i = 0; i < 5; i++) expect((await connect(`198.51.100.${i + 1}`)).status).toBe(200);
    await expectRefused(await connect("198.51.100.99"), 503);
    expect((await eventStreamAdmissionStatus(from("198.51.100.99"), null)).status).toBe(503);
    open.shift()!.abort();
    await eventually(() => expect(realtimeStats().connections).toBe(4));
    expect((await connect("198.51.100.99")).status).toBe(200);
  });

  it("a refusal holds no subscription, timer or count", async () => {
    for (let i = 0; i < 3; i++) await connect("192.0.2.7");
    for (let i = 0; i < 20; i++) expect((await connect("192.0.2.7")).status).toBe(429);
    expect(realtimeStats().connections).toBe(3);
  });

  it("counts the reader's streams on other processes, through their leases in Redis", async () => {
    const elsewhere = new StreamLeases(env().SSE_MAX_PER_IDENTITY, otherBreaker());
    const address = `203.0.113.${100 + Math.floor(Math.random() * 100)}`;
    const theirs = [];
    for (let i = 0; i < env().SSE_MAX_PER_IDENTITY; i++) {
      const lease = await elsewhere.take(`ip:${address}`);
      expect(lease.status).toBe("taken");
      theirs.push(lease);
    }
    // This process holds none of them, and still refuses: the reader has their limit elsewhere.
    await expectRefused(await connect(address), 429);
    expect((await eventStreamAdmissionStatus(from(address), null)).status).toBe(429);
    const first = theirs[0];
    if (first.status === "taken") first.release();
    await eventually(async () =>
      expect((await eventStreamAdmissionStatus(from(address), null)).status).toBe(204),
    );
    expect((await connect(address)).status).toBe(200);
    for (const lease of theirs) if (lease.status === "taken") lease.release();
  });

  it("a lease its process stopped renewing runs out, and stops counting", async () => {
    const minuteAgo = Date.now() - 61_000;
    const crashed = new StreamLeases(1, otherBreaker(), () => minuteAgo);
    const address = `198.51.100.${100 + Math.floor(Math.random() * 100)}`;
    expect((await crashed.take(`ip:${address}`)).status).toBe("taken");
    expect(await crashed.hasRoom(`ip:${address}`)).toBe(false); // by its own clock, a minute ago
    expect((await eventStreamAdmissionStatus(from(address), null)).status).toBe(204);
    expect((await connect(address)).status).toBe(200);
  });
  it("an open stream's lease is renewed while it lasts, and its release frees the room", async () => {
    const leases = new StreamLeases(1, otherBreaker(), Date.now, {
      leaseMs: 400,
      renewEveryMs: 100,
    });
    const identity = `ip:192.0.2.${100 + Math.floor(Math.random() * 100)}`;
    const lease = await leases.take(identity);
    expect(lease.status).toBe("taken");
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // two and a half leases' length
    expect(await leases.hasRoom(identity)).toBe(false);
    expect((await leases.take(identity)).status).toBe("full");
    if (lease.status === "taken") lease.release();
    await eventually(async () => expect(await leases.hasRoom(identity)).toBe(true));
  });
});

function otherBreaker(): Breaker {
  return new Breaker({ failureThreshold: 3, cooldownMs: 1_000 }, { warn: () => {} }, () => {});
}
