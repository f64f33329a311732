// What `npm start` runs: Next's request handler inside a Node HTTP server, with the page cache
// in front of it (docs/decisions/010-page-cache-in-front-of-next.md), and the signed-in readers' own
// parts of the pages they share (lib/blog/member-parts.ts).
// Built to dist/server.mjs by scripts/build-server.mjs (`npm run build`, before `next build`).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import nextEnv from "@next/env";
import next from "next";
import { createMemberPartsAnswer, isMemberPartsRequest } from "@/lib/blog/member-parts-answer";
import { pageRoute } from "@/lib/blog/page-routes";
import { stampForwardedHeaders } from "@/lib/http/client-address";
import { admitRequest, refuseConnect, serverOptions } from "@/lib/http/guard-server";
import { setHeaderPairs } from "@/lib/http/header-pairs";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/http/request-id";
import { traceRequest } from "@/lib/http/request-span";
import { applyStatusHeader } from "@/lib/http/response-status";
import { createPageCache } from "@/lib/page-cache";
import { withOutageRecord } from "@/lib/platform/database-outage";
import { type Env, EnvError, env } from "@/lib/platform/env";
import { cacheTarget, observeCommand, stateTarget } from "@/lib/platform/redis";
import { startTelemetry } from "@/lib/platform/telemetry";
import { createClient } from "@/lib/redis";
import { logger } from "@/lib/util/logger";
import { withRequestId } from "@/lib/util/request-context";

function settingsOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(
      `\nThe blog cannot start.\n${error.message}\nSet them in .env (see .env.example) or in the environment.\n`,
    );
    process.exit(1);
  }
}

// .env files, read the way `next start` reads them, before our settings are.
nextEnv.loadEnvConfig(process.cwd(), false);
const settings = settingsOrExit();
startTelemetry(settings);
const app = next({
  dev: false,
  dir: process.cwd(),
  hostname: settings.HOSTNAME,
  port: settings.PORT,
});
const handle = app.getRequestHandler();
await app.prepare();

const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
const caching = settings.PAGE_CACHE_ENABLED && settings.CACHE_ENABLED;
// The cache role (its own Redis or Cluster when one is set, else the state role's): pages are
// entries a render rebuilds. Without auto-pipelining: a HIT sends one GET, which ioredis would
// wrap in a pipeline of one command flushed on the next tick; the HIT went from 82-89 to 62-77 µs
// of CPU a request without it (three rounds, against 47-58 µs for bench/bare-page-server.ts).
const redis = caching
  ? createClient(
      cacheTarget(settings) ?? stateTarget(settings),
      { timeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS, onCommand: observeCommand },
      { enableAutoPipelining: false },
    )
  : null;
redis?.on("error", () => {}); // the page cache's breaker reports outages, once per interval
// Next's answer, with what only its renders need: the request's outage record (a failed render
// that met an unreachable Postgres is a 503) and the status proxy.ts names. A page cache HIT,
// answered without Next, does without both.
function toNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return withOutageRecord(() => {
    applyStatusHeader(res);
    return handle(req, res);
  });
}
const pages = redis ? createPageCache(settings, redis, buildId, toNext, pageRoute) : null;
// A signed-in reader's own parts of the shared member pages, from Redis while they are stored.
const memberParts = caching ? createMemberPartsAnswer(settings) : null;

const server = createServer(serverOptions(settings.REQUEST_TIMEOUT_MS), (req, res) => {
  const trusted = settings.TRUST_PROXY > 0 || pages?.isRender(req) === true;
  const requestId = requestIdOf(req.headers, trusted);
  // On every answer; given along rather than set here, so that a stored page's headers are
  // written in one list (lib/page-cache/respond.ts).
  const answerHeaders = [REQUEST_ID_HEADER, requestId];
  withRequestId(requestId, () => traceRequest(req, res, () => serve(req, res, answerHeaders)));
});

function serve(req: IncomingMessage, res: ServerResponse, answerHeaders: string[]): void {
  if (!admitRequest(req, res, answerHeaders)) return;
  stampForwardedHeaders(req.headers, req.socket.remoteAddress, settings.TRUST_PROXY);
  respond(req, res, answerHeaders).catch((error: unknown) => {
    logger.error("request failed", {
      method: req.method,
      url: req.url,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    if (!res.headersSent) res.writeHead(500, [...answerHeaders, "content-type", "text/plain"]);
    res.end("Internal Server Error");
  });
}

// The page cache (which sets the request id itself) takes every request but a member's parts,
// checked synchronously: no await added to a HIT. Those parts, when not stored, and everything
// without the page cache, go to Next.
async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  answerHeaders: string[],
): Promise<void> {
  const parts = memberParts && isMemberPartsRequest(req) ? memberParts : null;
  if (pages && !parts) return pages.handle(req, res, answerHeaders);
  setHeaderPairs(res, answerHeaders);
  if (parts && (await parts(req, res))) return;
  return toNext(req, res);
}

refuseConnect(server);

server.listen(settings.PORT, settings.HOSTNAME, () => {
  logger.info(`Serving on http://${settings.HOSTNAME}:${settings.PORT}`, {
    pageCache: pages ? "on" : "off",
  });
});

// Stop taking requests; lib/domains/view-counts/sweep.ts flushes pending views and ends the process.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close());
