// Caps on event streams, per reader and per process, driven the way GET/HEAD /api/events drive
// them, with the real subscriber on the test Redis.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StreamAdmission } from "@/lib/realtime/admission";
import { channelsFor } from "@/lib/realtime/channels";
import { admitEventStream, eventStreamAdmissionStatus } from "@/lib/realtime/connections";
import { realtimeStats } from "@/lib/realtime/stats";
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
    expect(eventStreamAdmissionStatus(from("203.0.113.1"), null).status).toBe(429);
    expect(eventStreamAdmissionStatus(from("203.0.113.2"), null).status).toBe(204);
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
    expect(eventStreamAdmissionStatus(from("198.51.100.99"), null).status).toBe(503);
    open.shift()!.abort();
    await eventually(() => expect(realtimeStats().connections).toBe(4));
    expect((await connect("198.51.100.99")).status).toBe(200);
  });

  it("a refusal holds no subscription, timer or count", async () => {
    for (let i = 0; i < 3; i++) await connect("192.0.2.7");
    for (let i = 0; i < 20; i++) expect((await connect("192.0.2.7")).status).toBe(429);
    expect(realtimeStats().connections).toBe(3);
  });
});
