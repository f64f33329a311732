import { describe, expect, it, vi } from "vitest";
import { SingleFlight } from "@/lib/cache/single-flight";

describe("SingleFlight", () => {
  it("shares one run among concurrent callers of a key", async () => {
    const flights = new SingleFlight();
    const work = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 10));
      return "done";
    });
    const results = await Promise.all([
      flights.run("k", work),
      flights.run("k", work),
      flights.run("k", work),
    ]);
    expect(results).toEqual(["done", "done", "done"]);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("keeps keys apart and starts afresh once a run has settled", async () => {
    const flights = new SingleFlight();
    const work = vi.fn(async () => 1);
    await Promise.all([flights.run("a", work), flights.run("b", work)]);
    await flights.run("a", work);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it("gives every caller the error, and forgets a failed run", async () => {
    const flights = new SingleFlight();
    const failing = vi.fn(async () => {
      throw new Error("nope");
    });
    const settled = await Promise.allSettled([
      flights.run("k", failing),
      flights.run("k", failing),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await flights.run("k", async () => "ok")).toBe("ok");
  });

  it("turns a synchronous throw into a rejection", async () => {
    const flights = new SingleFlight();
    await expect(
      flights.run("k", () => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
  });
});
