// Two app processes on one Redis: a post created by a second Node process (spawned here, with
// its own Redis connections) reaches an SSE stream opened in this one.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelsFor } from "@/lib/realtime/channels";
import { openEventStream } from "@/lib/realtime/event-stream";
import { realtimeStats } from "@/lib/realtime/stats";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { eventually, readSse } from "./helpers";

const run = promisify(execFile);
const script = fileURLToPath(new URL("./create-post-process.ts", import.meta.url));
let reader: Awaited<ReturnType<typeof makeUser>>;
let author: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  [reader, author] = await Promise.all([makeUser(), makeUser()]);
});
afterAll(() => deleteUsers(reader.id, author.id));

it("a post created in another process reaches a stream open in this one", async () => {
  const controller = new AbortController();
  const stream = readSse(
    await openEventStream({
      channels: channelsFor(reader.id),
      userId: reader.id,
      signal: controller.signal,
    }),
  );
  const title = `From another process ${randomBytes(4).toString("hex")}`;
  // The "react-server" condition resolves "server-only" the way Next.js does on the server.
  const { stdout } = await run(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", script, String(author.id), title],
    {
      env: process.env,
      timeout: 30_000,
    },
  );
  const created = JSON.parse(stdout) as { id: number; pid: number };
  expect(created.pid).not.toBe(process.pid);

  const event = await stream.waitForEvent(
    "post.created",
    (payload) => payload.post.title === title,
  );
  expect(event.payload.post).toEqual({
    id: created.id,
    slug: expect.any(String),
    title,
    author: { id: author.id, username: author.username, name: author.name },
  });
  controller.abort();
  await eventually(() => expect(realtimeStats().connections).toBe(0));
}, 60_000);
