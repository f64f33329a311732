// OpenTelemetry's SDK, started when the deployment asks for traces with OpenTelemetry's own
// variables: OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) says where
// spans go over OTLP/HTTP, OTEL_SERVICE_NAME what they are from. Unset, nothing is registered and
// lib/util/tracing.ts makes no spans. Started once per process by whichever entry runs first:
// server.ts (`npm start`) or instrumentation-node.ts (`next dev`, `next start`).
//
// The spans are the app's (lib/util/tracing.ts: the request, the page cache's answer, cache
// lookups as events, loaders, Redis commands) and Next's own: Next reads the global tracer
// provider registered here, so its render spans are children of the request's.
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Env } from "@/lib/platform/env";
import { logger } from "@/lib/util/logger";
import { redactUrl } from "@/lib/util/redact-url";
import { remember } from "@/lib/util/remember";
import { tracingStarted } from "@/lib/util/tracing";

type TelemetrySettings = Pick<
  Env,
  | "OTEL_EXPORTER_OTLP_ENDPOINT"
  | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
  | "OTEL_SERVICE_NAME"
  | "OTEL_BSP_SCHEDULE_DELAY"
>;

/** Starts exporting spans if an endpoint is set; says whether tracing is on. */
export function startTelemetry(settings: TelemetrySettings): boolean {
  const endpoint =
    settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return false;
  return remember("telemetry", () => {
    const provider = registerProvider(settings, new OTLPTraceExporter());
    // Spans still waiting in the batch go out before the process ends (best effort: the view
    // flush on SIGTERM, lib/domains/view-counts/sweep.ts, ends the process within 5 s).
    for (const signal of ["SIGTERM", "SIGINT"] as const)
      process.once(signal, () => void provider.shutdown().catch(() => {}));
    logger.info("tracing: exporting spans over OTLP/HTTP", {
      endpoint: redactUrl(endpoint),
      service: settings.OTEL_SERVICE_NAME,
    });
    return true;
  });
}

/**
 * Registers a tracer provider that sends every span to `exporter` (in batches, at most
 * OTEL_BSP_SCHEDULE_DELAY ms apart), with context carried through async calls and across
 * processes (W3C traceparent). Tests pass an in-memory exporter.
 */
export function registerProvider(
  settings: Pick<TelemetrySettings, "OTEL_SERVICE_NAME" | "OTEL_BSP_SCHEDULE_DELAY">,
  exporter: SpanExporter,
): TracerProvider {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.OTEL_SERVICE_NAME }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter, scheduledDelayMillis: settings.OTEL_BSP_SCHEDULE_DELAY }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!trace.setGlobalTracerProvider(provider))
    logger.warn("tracing: a tracer provider was already registered; spans go to that one");
  tracingStarted();
  return provider;
}
