// What follows a write (activity, invalidation, live events) is waited for at most
// AFTER_WRITE_WAIT_MS, then the write answers; what is left goes on without it, in the same order
// (for an invalidation: data first, then whole pages), and is logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { settle } from "@/lib/blog/invalidation/parts";
import { Invalidation } from "@/lib/blog/invalidation/record";
import { afterWrite } from "@/lib/platform/after-write";
import { logger } from "@/lib/util/logger";
import { deferred } from "../helpers/async";

afterEach(() => vi.restoreAllMocks());

const STILL_RUNNING = "work after a write still running; the write answers without it";

describe("afterWrite", () => {
  it("answers once the wait is over, and logs a failure that comes later", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const error = vi.spyOn(logger, "error").mockImplementation(() => {});
    let fail: (error: Error) => void = () => {};
    const held = new Promise<never>((_, reject) => {
      fail = reject;
    });
    await afterWrite("post 3 created", () => held, 50);
    expect(warn).toHaveBeenCalledWith(STILL_RUNNING, { reason: "post 3 created", waitedMs: 50 });

    fail(new Error("PUBLISH timed out"));
    await vi.waitFor(() =>
      expect(error).toHaveBeenCalledWith("work after a write failed after its answer", {
        reason: "post 3 created",
        error: "PUBLISH timed out",
      }),
    );
  });

  it("fails the request with a failure that comes within the wait, as before", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    await expect(
      afterWrite("post 4 created", async () => Promise.reject(new Error("bug")), 60_000),
    ).rejects.toThrow("bug");
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("a write's follow-up", () => {
  it("waits once for its steps, and a step after the invalidation still waits for it", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const data = deferred();
    const done: string[] = [];
    await afterWrite(
      "post 5 created",
      async () => {
        await settle(new Invalidation("post 5 created"), [data.promise]);
        done.push("announced");
      },
      50,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(STILL_RUNNING, { reason: "post 5 created", waitedMs: 50 });
    expect(done).toEqual([]);

    data.resolve();
    await vi.waitFor(() => expect(done).toEqual(["announced"]));
  });
});

describe("settle (a change's invalidation) inside the wait", () => {
  it("answers once the wait is over, and the invalidation still finishes, in order", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const data = deferred();
    const done: string[] = [];
    const pages = async () => void done.push("pages");
    const work = data.promise.then(() => done.push("data"));

    await afterWrite(
      "post 1 edited",
      () => settle(new Invalidation("post 1 edited"), [work], pages),
      50,
    );
    expect(done).toEqual([]);
    expect(warn).toHaveBeenCalledWith(STILL_RUNNING, { reason: "post 1 edited", waitedMs: 50 });

    data.resolve();
    await vi.waitFor(() => expect(done).toEqual(["data", "pages"]));
  });

  it("answers as soon as the invalidation is done, without a word", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const done: string[] = [];
    await afterWrite(
      "post 2 edited",
      () =>
        settle(
          new Invalidation("post 2 edited"),
          [Promise.resolve().then(() => done.push("data"))],
          async () => void done.push("pages"),
        ),
      60_000,
    );
    expect(done).toEqual(["data", "pages"]);
    expect(warn).not.toHaveBeenCalled();
  });
});
