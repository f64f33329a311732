// Next's own cache calls, made by Next itself in two running app processes on one Redis: the
// probes of the suite's build (app/probes/, next.config.js NEXT_CACHE_PROBES) call updateTag and
// revalidatePath in server actions, revalidateTag from a route handler, and render 'use cache'
// components with cacheLife profiles and one inside another; the build's handler writes each
// call Next makes to a log (tests/e2e/probes/logging-use-cache.mjs). Next applies a route handler's
// revalidateTag after its response has gone: "the next request" is the first after the log shows
// the update written.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import type { Page } from "@playwright/test";
import { shortHash } from "@/lib/cache/keys";
import { AppProcess, freePort } from "./app-process";
import { expect, redis, SAME_ORIGIN, test } from "./fixtures";

const LOG = "reports/next-cache-calls.log";
type Call = {
  port: string;
  method: string;
  tags?: string[];
  cacheKey?: string;
  hit?: boolean;
  revalidate?: number;
};
type Stamps = { stamp: string; outer: string; inner: string };

const newId = () => randomBytes(4).toString("hex");
const entryKey = (cacheKey: string) => `next-cache:uc:{${shortHash(cacheKey)}}`;

/** The calls Next made for the Stamp of `id` (or every call, with `all`), in order. */
function calls(id: string, which: "stamp" | "all" = "stamp"): Call[] {
  const lines = readFileSync(LOG, "utf8").split("\n").filter(Boolean);
  return lines
    .map((line) => JSON.parse(line) as Call)
    .filter((call) =>
      which === "all" ? true : call.cacheKey?.includes(`{"id":"${id}","life":`) === true,
    );
}

test.describe("Next's own cache calls, on two processes", () => {
  let a: AppProcess;
  let b: AppProcess;

  test.beforeAll(async () => {
    rmSync(LOG, { force: true });
    const env = { NEXT_CACHE_PROBE_LOG: LOG };
    [a, b] = [new AppProcess(await freePort(), env), new AppProcess(await freePort(), env)];
    await Promise.all([a.start(), b.start()]);
  });

  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function stamps(origin: string, id: string, life = "hours"): Promise<Stamps> {
    const response = await fetch(`${origin}/probes/cache?id=${id}&life=${life}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const read = (name: string) => new RegExp(`data-testid="${name}">([^<]+)<`).exec(html)![1];
    return { stamp: read("stamp"), outer: read("outer"), inner: read("inner") };
  }

  /** Clicks a probe action's button on A's page; the calls Next made since, once updateTags is among them. */
  async function act(page: Page, id: string, button: "updateTag" | "revalidatePath") {
    await page.goto(`${a.origin}/probes/cache?id=${id}`);
    const before = calls(id, "all").length;
    await page.getByRole("button", { name: button }).click();
    const since = () => calls(id, "all").slice(before);
    await expect.poll(() => since().some((call) => call.method === "updateTags")).toBe(true);
    return since();
  }

  /**
   * revalidateTag from A's route handler, once Next has written it: Next applies a route
   * handler's revalidations after its response has gone.
   */
  async function revalidateTag(tag: string, profile?: string) {
    const before = calls("", "all").length;
    const response = await fetch(
      `${a.origin}/probes/revalidate?tag=${tag}${profile ? `&profile=${profile}` : ""}`,
      { method: "POST", headers: SAME_ORIGIN },
    );
    expect(response.status).toBe(200);
    await expect
      .poll(() =>
        calls("", "all")
          .slice(before)
          .some((call) => call.method === "updateTags" && call.tags?.includes(tag)),
      )
      .toBe(true);
  }

  test("cacheLife profiles become the entries' Redis TTLs; expire 0 is never stored", async () => {
    const id = newId();
    const expected: Record<string, [number, number]> = {
      seconds: [1, 60],
      hours: [86_400 - 60, 86_400],
      // "max" is a year: capped at NEXT_CACHE_MAX_TTL_SECONDS (7 days).
      max: [604_800 - 60, 604_800],
    };
    for (const life of [...Object.keys(expected), "zero"]) {
      await stamps(a.origin, `${id}-${life}`, life);
      const set = calls(`${id}-${life}`).find((call) => call.method === "set");
      expect(set, `Next stored the ${life} entry`).toBeDefined();
      const ttl = await redis.ttl(entryKey(set!.cacheKey!));
      if (life === "zero") expect(ttl, "expire 0: no key").toBe(-2);
      else {
        expect(ttl, life).toBeGreaterThanOrEqual(expected[life][0]);
        expect(ttl, life).toBeLessThanOrEqual(expected[life][1]);
      }
    }
  });

  test("Next calls get then set on a miss, get alone on a hit, updateTags after updateTag in an action", async ({
    page,
  }) => {
    const id = newId();
    const first = await stamps(a.origin, id);
    expect(calls(id).map(({ method, hit }) => [method, hit])).toEqual([
      ["get", false],
      ["set", undefined],
    ]);
    expect((await stamps(b.origin, id)).stamp).toBe(first.stamp);
    expect(
      calls(id)
        .slice(2)
        .map(({ method, hit }) => [method, hit]),
    ).toEqual([["get", true]]);
    expect(await act(page, id, "updateTag")).toContainEqual(
      expect.objectContaining({
        method: "updateTags",
        tags: [`probe-${id}`],
        port: String(a.port),
      }),
    );
  });

  test("updateTag in a server action: the next request is fresh on both processes", async ({
    page,
  }) => {
    const id = newId();
    const old = await stamps(a.origin, id);
    expect((await stamps(b.origin, id)).stamp).toBe(old.stamp);
    await act(page, id, "updateTag");
    const onB = await stamps(b.origin, id);
    expect(onB.stamp).not.toBe(old.stamp);
    expect((await stamps(a.origin, id)).stamp).toBe(onB.stamp);
  });

  test("revalidateTag(tag, 'max') from a route handler: the other process serves it stale once, then fresh", async () => {
    const id = newId();
    const old = await stamps(a.origin, id);
    await revalidateTag(`probe-${id}`, "max");
    const setsBefore = calls(id).filter((call) => call.method === "set").length;
    expect((await stamps(b.origin, id)).stamp).toBe(old.stamp);
    expect(
      calls(id)
        .filter((call) => call.method === "get")
        .at(-1),
    ).toMatchObject({
      port: String(b.port),
      hit: true,
      revalidate: -1,
    });
    // B refreshes it in the background; once stored, every process reads the new one.
    await expect
      .poll(() => calls(id).filter((call) => call.method === "set").length)
      .toBe(setsBefore + 1);
    const fresh = await stamps(b.origin, id);
    expect(fresh.stamp).not.toBe(old.stamp);
    expect((await stamps(a.origin, id)).stamp).toBe(fresh.stamp);
  });

  test("revalidateTag without a profile and revalidatePath: expired at once, on the other process", async ({
    page,
  }) => {
    const id = newId();
    const old = await stamps(a.origin, id);
    await revalidateTag(`probe-${id}`);
    const afterTag = await stamps(b.origin, id);
    expect(afterTag.stamp).not.toBe(old.stamp);
    expect(afterTag.outer).toBe(old.outer); // only the tag's own entry

    await act(page, id, "revalidatePath");
    const afterPath = await stamps(b.origin, id);
    expect(afterPath.stamp).not.toBe(afterTag.stamp);
    expect(afterPath.outer).not.toBe(afterTag.outer);
  });

  test("nested 'use cache': the inner entry's tag expires the outer one too, the outer's own tag leaves the inner", async () => {
    const id = newId();
    const old = await stamps(a.origin, id);
    await revalidateTag(`probe-inner-${id}`);
    const afterInner = await stamps(b.origin, id);
    expect(afterInner.inner).not.toBe(old.inner);
    expect(afterInner.outer).not.toBe(old.outer);
    await revalidateTag(`probe-outer-${id}`);
    const afterOuter = await stamps(b.origin, id);
    expect(afterOuter.outer).not.toBe(afterInner.outer);
    expect(afterOuter.inner).toBe(afterInner.inner);
  });
});
