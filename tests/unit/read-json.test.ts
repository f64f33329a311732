import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/http/api";
import { AppError } from "@/lib/platform/errors";

const post = (body: ReadableStream<Uint8Array>) =>
  new Request("http://blog.test/api/views", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);

// A body that sends its first bytes and then fails, as one does when the client or a proxy closes
// the connection half way ("aborted" from Node's request stream).
const cutOffAfter = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.error(new Error("aborted"));
    },
  });

describe("readJson", () => {
  it("answers a body cut off half way with a 400 that says so, not a 500", async () => {
    const reading = readJson(post(cutOffAfter('{"path": "/posts/')));
    await expect(reading).rejects.toBeInstanceOf(AppError);
    await expect(reading).rejects.toMatchObject({
      status: 400,
      message: "The request body ended before it was complete.",
    });
  });

  it("reads a whole body", async () => {
    const whole = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"path": "/posts/a"}'));
        controller.close();
      },
    });
    expect(await readJson(post(whole))).toEqual({ path: "/posts/a" });
  });
});
