// Spans and span events for the work the app does (a cache lookup, a loader call, the page
// cache's answer, a Redis command), through OpenTelemetry's API only, as libraries should: the
// SDK that records and exports them is the deployment's choice (lib/platform/telemetry.ts starts
// it when OTEL_EXPORTER_OTLP_ENDPOINT is set). Until it has started, every call here is one check
// of a flag: no span objects, no context lookups, on paths that run for every Redis command.
import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { errorMessage } from "./error-message";
import { remember } from "./remember";

// Shared by every bundle of the process, like the SDK the flag stands for.
const state = remember("tracing", () => ({ on: false }));

const tracer = () => trace.getTracer("redis-caching-blog");

/** Said once by whoever registers an SDK: from now on spans are made. */
export function tracingStarted(): void {
  state.on = true;
}

export const tracingOn = (): boolean => state.on;

/** Runs `work` in a span of its own: the current span's child, and the parent of what it does. */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!state.on) return work();
  return tracer().startActiveSpan(name, { attributes, kind }, async (span) => {
    try {
      return await work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Runs `work` in a server span that continues the trace named by `headers` (a W3C traceparent
 * from a proxy in front, or from this process's own page-cache render), else starts one.
 */
export function inServerSpan<T>(
  name: string,
  attributes: Attributes,
  headers: Record<string, string | string[] | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  if (!state.on) return work();
  const parent = propagation.extract(context.active(), headers);
  return context.with(parent, () => inSpan(name, attributes, work, SpanKind.SERVER));
}

/** A span for work that settles elsewhere (a Redis command): `end` closes it, with the error if any. */
export function startSpan(
  name: string,
  attributes: Attributes,
  kind: SpanKind = SpanKind.INTERNAL,
): ((error?: unknown) => void) | undefined {
  if (!state.on) return undefined;
  const span = tracer().startSpan(name, { attributes, kind });
  return (error) => {
    if (error !== undefined) failed(span, error);
    span.end();
  };
}

/** An event on the current span, e.g. a cache lookup with its namespace and result. */
export function spanEvent(name: string, attributes: Attributes): void {
  if (state.on) trace.getActiveSpan()?.addEvent(name, attributes);
}

/** Attributes on the current span, e.g. the page cache's answer on the request's span. */
export function spanAttributes(attributes: Attributes): void {
  if (state.on) trace.getActiveSpan()?.setAttributes(attributes);
}

/** The `traceparent` header of the current span, for a request this process makes to itself. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state.on) propagation.inject(context.active(), headers);
  return headers;
}

function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
}

export { SpanKind };
