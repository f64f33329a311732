// A write waits for its cache invalidation at most INVALIDATION_WAIT_MS, then answers; what is
// left goes on without it, in the same order (data first, then whole pages), and is logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { settle } from "@/lib/invalidation/parts";
import { Invalidation } from "@/lib/invalidation/record";
import { logger } from "@/lib/logger";
import { deferred } from "../helpers/async";

afterEach(() => vi.restoreAllMocks());

describe("settle", () => {
  it("answers once the wait is over, and the invalidation still finishes, in order", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const data = deferred();
    const done: string[] = [];
    const pages = async () => void done.push("pages");
    const work = data.promise.then(() => done.push("data"));

    await settle(new Invalidation("post 1 edited"), [work], pages, 50);
    expect(done).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      "cache invalidation still running; the write answers without it",
      { change: "post 1 edited", waitedMs: 50 },
    );

    data.resolve();
    await vi.waitFor(() => expect(done).toEqual(["data", "pages"]));
  });

  it("answers as soon as the invalidation is done, without a word", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const done: string[] = [];
    await settle(
      new Invalidation("post 2 edited"),
      [Promise.resolve().then(() => done.push("data"))],
      async () => void done.push("pages"),
      60_000,
    );
    expect(done).toEqual(["data", "pages"]);
    expect(warn).not.toHaveBeenCalled();
  });
});
