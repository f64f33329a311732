// Traces of one article's data, with the SDK the app registers (lib/platform/telemetry.ts) sending
// to an in-memory exporter: the cache lookups are events with namespace and result, a miss's
// loader is a span, and every Redis command is a span of its own, all in the request's trace.
// The whole page load, through the page cache and Next, is tests/e2e/operating.spec.ts's.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadArticle } from "@/lib/blog/pages/article";
import { createPost } from "@/lib/domains/posts/mutations";
import { registerProvider } from "@/lib/platform/telemetry";
import { inServerSpan, tracingOn } from "@/lib/util/tracing";
import { userForFile } from "../helpers/factories";

const author = userForFile();
const exporter = new InMemorySpanExporter();
let provider: ReturnType<typeof registerProvider>;

beforeAll(() => {
  expect(tracingOn()).toBe(false); // nothing is made until an SDK is registered
  provider = registerProvider(
    { OTEL_SERVICE_NAME: "blog-test", OTEL_BSP_SCHEDULE_DELAY: 10 },
    exporter,
  );
});
afterAll(() => provider.shutdown());

// One "request": a server span around the article's data, as server.ts makes for a page.
async function load(slug: string): Promise<{ root: ReadableSpan; spans: ReadableSpan[] }> {
  exporter.reset();
  await inServerSpan("GET", { "url.path": `/posts/${slug}` }, {}, () => loadArticle(slug, null));
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  const root = spans.find((span) => span.kind === SpanKind.SERVER);
  if (!root) throw new Error("no server span");
  return {
    root,
    spans: spans.filter((span) => span.spanContext().traceId === root.spanContext().traceId),
  };
}

const lookups = (span: ReadableSpan) =>
  span.events
    .filter((event) => event.name === "cache.lookup")
    .map(
      (event) => `${event.attributes?.["cache.namespace"]} ${event.attributes?.["cache.result"]}`,
    );

it("shows a miss's loader and Redis commands as spans, and the lookups as events", async () => {
  const title = `Traced ${randomBytes(4).toString("hex")}`;
  const post = await createPost(author.id, { title, content: "Seen in a trace.", published: true });

  const cold = await load(post.slug);
  expect(cold.root.resource.attributes["service.name"]).toBe("blog-test");
  // The post was stored when it was written (write-through); its comments were not.
  expect(lookups(cold.root)).toEqual(
    expect.arrayContaining(["cache:post HIT", "cache:comment MISS"]),
  );
  const loaders = cold.spans.filter((span) => span.name === "cache.load");
  expect(loaders.map((span) => span.attributes["cache.namespace"])).toEqual(["cache:comment"]);
  for (const loader of loaders)
    expect(loader.parentSpanContext?.spanId).toBe(cold.root.spanContext().spanId);
  const commands = cold.spans.filter((span) => span.attributes["db.system.name"] === "redis");
  expect(commands.length).toBeGreaterThan(0);
  expect(commands.every((span) => span.kind === SpanKind.CLIENT)).toBe(true);
  expect(commands.map((span) => span.name)).toEqual(
    expect.arrayContaining(["SET"]), // the loaded value stored
  );

  const warm = await load(post.slug);
  expect(lookups(warm.root)).toEqual(
    expect.arrayContaining(["cache:post HIT", "cache:comment HIT"]),
  );
  expect(lookups(warm.root).filter((lookup) => lookup.endsWith("MISS"))).toEqual([]);
  expect(warm.spans.filter((span) => span.name === "cache.load")).toEqual([]);
  expect(warm.spans.some((span) => span.name === "GET" && span.kind === SpanKind.CLIENT)).toBe(
    true,
  );
});

it("marks a failed span as an error with the failure's message", async () => {
  exporter.reset();
  await expect(
    inServerSpan("GET", {}, {}, async () => {
      throw new Error("the database went away");
    }),
  ).rejects.toThrow("the database went away");
  await provider.forceFlush();
  const [span] = exporter.getFinishedSpans();
  expect(span.status).toEqual({ code: 2, message: "the database went away" });
});
