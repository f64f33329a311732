import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { AppProcess, freePort } from "./app-process";
import { expect, test } from "./fixtures";

// Traces of the built app, exported as a deployment would: OTEL_EXPORTER_OTLP_ENDPOINT points at
// a collector, here one in this test that keeps what it receives in memory. One page load is one
// trace: the reader's request (with the page cache's answer), the render it asked for, Next's
// spans, the loaders and Redis commands below them. Unset, the app registers nothing
// (tests/integration/telemetry.test.ts).

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
  service: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
}
const SERVER = 2;
const CLIENT = 3;

type KeyValue = { key: string; value: Record<string, unknown> };
const attributesOf = (list: KeyValue[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

// OTLP/HTTP with JSON bodies (what @opentelemetry/exporter-trace-otlp-http sends).
function collector(): Promise<{ url: string; spans: Span[]; server: Server }> {
  const spans: Span[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      for (const resourceSpans of JSON.parse(body.toString("utf8")).resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)["service.name"]);
        for (const scopeSpans of resourceSpans.scopeSpans ?? [])
          for (const span of scopeSpans.spans ?? [])
            spans.push({
              ...span,
              scope: scopeSpans.scope?.name,
              service,
              attributes: attributesOf(span.attributes),
              events: (span.events ?? []).map(
                (event: { name: string; attributes?: KeyValue[] }) => ({
                  name: event.name,
                  attributes: attributesOf(event.attributes),
                }),
              ),
            });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server }),
    ),
  );
}

test("one page load is one trace: the page cache's answer, the render, Next, loaders and Redis", async ({
  request,
}) => {
  const otlp = await collector();
  const app = new AppProcess(await freePort(), {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    OTEL_SERVICE_NAME: "blog-e2e",
    OTEL_BSP_SCHEDULE_DELAY: "50",
  });
  await app.start();
  try {
    // A feed page no other test reads: the page cache renders it (a MISS).
    let path = "";
    for (let page = 30; page < 50 && !path; page++) {
      const response = await request.get(`${app.origin}/?page=${page}`);
      expect(response.status()).toBe(200);
      if (response.headers()["x-cache"] === "MISS") path = `/?page=${page}`;
    }
    expect(path, "a feed page not yet cached").not.toBe("");
    const readerSpan = (result: string) =>
      otlp.spans.find(
        (span) =>
          span.kind === SERVER &&
          span.attributes["page_cache.result"] === result &&
          span.attributes["url.path"] === "/",
      );
    await expect.poll(() => readerSpan("MISS")).toBeTruthy();
    const reader = readerSpan("MISS") as Span;
    expect(reader.service).toBe("blog-e2e");
    expect(reader.attributes["http.response.status_code"]).toBe(200);
    expect(reader.events.map((event) => event.attributes["cache.result"])).toContain("MISS");

    const trace = () => otlp.spans.filter((span) => span.traceId === reader.traceId);
    // The render: a request to the server's own port (server.ts's span, not one of Next's),
    // continuing the reader's trace.
    const isRender = (span: Span) =>
      span.kind === SERVER && span.scope !== "next.js" && span !== reader;
    await expect.poll(() => trace().some(isRender)).toBe(true);
    const render = trace().find(isRender) as Span;
    expect(render.parentSpanId).toBe(reader.spanId);
    // Next's own spans, in the same trace, under the render.
    await expect
      .poll(() =>
        trace().some((span) => span.scope === "next.js" && span.parentSpanId === render.spanId),
      )
      .toBe(true);
    // The page cache's own Redis commands are children of the reader's span.
    const readerCommands = trace().filter(
      (span) => span.kind === CLIENT && span.parentSpanId === reader.spanId,
    );
    expect(readerCommands.map((span) => span.attributes["db.system.name"])).toContain("redis");
    // The page's data: cache lookups as events with their namespace and result.
    const lookups = trace()
      .flatMap((span) => span.events)
      .filter((event) => event.name === "cache.lookup");
    expect(lookups.length).toBeGreaterThan(0);
    for (const lookup of lookups) {
      expect(lookup.attributes["cache.namespace"]).toMatch(/^(cache:|next-cache)/);
      expect(lookup.attributes["cache.result"]).toMatch(/^(HIT|MISS|STALE|BYPASS|ERROR)$/);
    }

    // The same page again: a HIT, one trace with no render and no Next.
    const again = await request.get(`${app.origin}${path}`);
    expect(again.headers()["x-cache"]).toBe("HIT");
    await expect.poll(() => readerSpan("HIT")).toBeTruthy();
    const hit = otlp.spans
      .filter((span) => span.kind === SERVER && span.attributes["page_cache.result"] === "HIT")
      .at(-1) as Span;
    const hitTrace = otlp.spans.filter((span) => span.traceId === hit.traceId);
    expect(hitTrace.some((span) => span.scope === "next.js")).toBe(false);
    expect(hitTrace.filter((span) => span.kind === SERVER)).toHaveLength(1);
    expect(hitTrace.some((span) => span.kind === CLIENT && span.name === "GET")).toBe(true);
  } finally {
    await app.stop();
    otlp.server.close();
  }
});
