import { afterEach, describe, expect, it } from "vitest";
import { RenderPool, type RenderPoolOptions } from "@/lib/markdown/render-pool";

// Bodies that marked needs seconds for (emphasis it cannot close, 50,000 times): far past the
// limits these tests set, so the outcome does not depend on the machine's speed.
const slow = "*a".repeat(50_000);
const deep = ">".repeat(100_000);

const pools: RenderPool[] = [];
function pool(options: Partial<RenderPoolOptions> = {}): RenderPool {
  const made = new RenderPool({
    timeoutMs: 60_000,
    workers: 2,
    maxQueue: 8,
    maxWaitMs: 60_000,
    maxHtmlChars: 500_000,
    ...options,
  });
  pools.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("RenderPool", () => {
  it("renders markdown to safe HTML in a worker", async () => {
    expect(await pool().render("**bold** <script>x</script>")).toEqual({
      html: "<p><strong>bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\n",
    });
  });

  it("answers a render that throws with its failure, and keeps the worker", async () => {
    const renders = pool({ workers: 1 });
    expect(await renders.render(deep)).toEqual({ failure: "failed" });
    expect(await renders.render("*still* here")).toEqual({ html: "<p><em>still</em> here</p>\n" });
  });

  it("stops a render past the time limit and renders the next body in a new worker", async () => {
    const renders = pool({ workers: 1, timeoutMs: 100 });
    expect(await renders.render(slow)).toEqual({ failure: "timeout" });
    expect(await renders.render("# back")).toEqual({ html: "<h1>back</h1>\n" });
  });

  it("refuses HTML longer than its limit", async () => {
    expect(await pool({ maxHtmlChars: 100 }).render("word ".repeat(50))).toEqual({
      failure: "too large",
    });
  });

  it("answers busy at once when the queue is full, and after the waiting limit when no worker frees up", async () => {
    const renders = pool({ workers: 1, maxQueue: 1, maxWaitMs: 50 });
    const running = renders.render(slow); // holds the one worker for seconds
    const waiting = renders.render("# waits");
    expect(await renders.render("# one too many")).toEqual({ failure: "busy" });
    expect(await waiting).toEqual({ failure: "busy" });
    await renders.close();
    expect(await running).toEqual({ failure: "busy" });
  });

  it("is never held by slow bodies for longer than the time limit: an honest body renders after them", async () => {
    const renders = pool({ workers: 2, timeoutMs: 100, maxQueue: 8 });
    const hostile = Array.from({ length: 4 }, () => renders.render(slow));
    const honest = renders.render("## fine");
    expect(await Promise.all(hostile)).toEqual(Array(4).fill({ failure: "timeout" }));
    expect(await honest).toEqual({ html: "<h2>fine</h2>\n" });
  });
});
