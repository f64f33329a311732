// Structured one-line logs (pino). Callers pass facts, never secrets or cached values. Every line
// written while a request is served carries its id (`requestId`, ./request-context.ts).
//   LOG_LEVEL   debug | info (default) | warn | error
//   LOG_FORMAT  json: one JSON object a line, info to stdout and warnings and errors to stderr
//               (the default with NODE_ENV=production); pretty: readable lines for a person
//               (the default otherwise, e.g. `npm run dev`)
// Read from the environment here, below the app's validated settings (lib/platform/env.ts, which
// checks both at start-up), since every layer logs.
import pino from "pino";
import pretty from "pino-pretty";
import { remember } from "./remember";
import { currentRequestId } from "./request-context";

type Fields = Record<string, unknown>;
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

function level(): string {
  const wanted = process.env.LOG_LEVEL;
  return LOG_LEVELS.includes(wanted as (typeof LOG_LEVELS)[number]) ? (wanted as string) : "info";
}

const readable = () =>
  (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === "production" ? "json" : "pretty")) ===
  "pretty";

function destination(): pino.DestinationStream {
  if (readable())
    return pretty({ sync: true, messageKey: "message", colorize: Boolean(process.stdout.isTTY) });
  return pino.multistream(
    [
      { level: "debug", stream: pino.destination({ dest: 1, sync: true }) },
      { level: "warn", stream: pino.destination({ dest: 2, sync: true }) },
    ],
    { dedupe: true },
  );
}

function createLogger(): pino.Logger {
  return pino(
    {
      level: level(),
      messageKey: "message",
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination(),
  );
}

// One per process, whichever bundle asks (Next builds lib/ into several).
const base = () => remember("logger", createLogger);

export const logger = {
  debug: (message: string, fields?: Fields) => base().debug(fields ?? {}, message),
  info: (message: string, fields?: Fields) => base().info(fields ?? {}, message),
  warn: (message: string, fields?: Fields) => base().warn(fields ?? {}, message),
  error: (message: string, fields?: Fields) => base().error(fields ?? {}, message),
};
