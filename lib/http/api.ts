import "server-only";
import { serverTiming } from "@/lib/cache";
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseTooSlow,
  databaseUnavailable,
  isDatabaseUnavailable,
  isStatementTimeout,
} from "@/lib/platform/db-errors";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { costMetrics, traced } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { readUpTo } from "@/lib/util/read-stream";

export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(error: unknown): Response {
  if (isDatabaseUnavailable(error)) return databaseErrorResponse(error);
  if (error instanceof AppError) {
    const { code, message, fields } = error;
    return json({ error: { code, message, ...(fields && { fields }) } }, { status: error.status });
  }
  logger.error("unhandled error in route", {
    error: errorMessage(error),
  });
  return json(
    {
      error: {
        code: "internal_error",
        message: "Something went wrong on our side. Please try again.",
      },
    },
    { status: 500 },
  );
}

// Postgres could not serve the query this time: 503, and when to try again.
function databaseErrorResponse(error: unknown): Response {
  const tooSlow = isStatementTimeout(error);
  logger.warn(tooSlow ? "statement cancelled by statement_timeout" : "database unavailable", {
    error: errorMessage(error).slice(-200),
  });
  const response = errorResponse(tooSlow ? databaseTooSlow() : databaseUnavailable());
  response.headers.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
  return response;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

// Every route handler goes through this: thrown AppErrors become JSON errors, anything else a
// 500 without a stack trace; and every response says what it cost in Server-Timing.
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const { value: response, trace } = await traced(async () => {
      try {
        return await handler(request, context);
      } catch (error) {
        return errorResponse(error);
      }
    });
    return withHeader(response, "Server-Timing", serverTiming(trace.cache, costMetrics(trace)));
  };
}

// Responses replayed from the cache may have immutable headers; copy rather than fail.
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

// The client (or a proxy in front) closed the connection before its body ended: its fault, not a
// failure of ours to log as one; nobody may be left to read the answer.
function cutOff(): never {
  throw new AppError("bad_request", "The request body ended before it was complete.");
}

// Reads a JSON body, refusing oversized bodies before and while reading them.
export async function readJson(request: Request): Promise<unknown> {
  const limit = env().MAX_BODY_BYTES;
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const bytes = request.body ? await readUpTo(request.body, limit).catch(cutOff) : Buffer.alloc(0);
  if (bytes === "too-large") throw tooLarge();
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
