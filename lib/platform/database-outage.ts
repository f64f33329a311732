import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DATABASE_UNAVAILABLE_DIGEST,
  isDatabaseUnavailable,
  isUnreadableDatabaseError,
} from "@/lib/platform/db-errors";
import { remember } from "@/lib/util/remember";
import { within } from "@/lib/util/within";

// Postgres away during a page render: Next answers 500 for any page whose render threw. So each
// request server.ts handles carries a record; the database client marks it when Postgres cannot
// serve the query (lib/platform/db-errors.ts: down, restarting, out of connections, too slow),
// and the server answers 503 with Retry-After instead (lib/http/response-status.ts). The error
// also gets a digest of its own, the one part of a server error a page receives, so the error page
// can say why (app/error.tsx). API routes answer 503 through lib/http/api.ts without this.

type OutageRecord = { unreachable: boolean };
// One store per process: server.ts and Next's bundles each have a copy of this module.
const records = () => remember("database-outage", () => new AsyncLocalStorage<OutageRecord>());

export function withOutageRecord<T>(handle: () => T): T {
  return records().run({ unreachable: false }, handle);
}

/** True when the current request met an unreachable Postgres. */
export const databaseWasUnreachable = (): boolean => records().getStore()?.unreachable ?? false;

// How long the probe may wait: a Postgres that has not answered SELECT 1 by then is not answering.
const PROBE_TIMEOUT_MS = 1000;

// An error we cannot read (lib/platform/db-errors.ts) may be Postgres gone or a bug; asking Postgres right
// away tells them apart. `client` is the un-extended one, so the probe is not itself noted. One
// probe at a time per process: in an outage every failing request would otherwise start its own,
// each waiting for a pool connection, and requests are what a stranger can multiply.
function postgresAnswers(client: PrismaClient): Promise<boolean> {
  const probes = remember("database-probes", () => new WeakMap<PrismaClient, Probe>());
  const now = performance.now();
  const current = probes.get(client);
  if (current && now - current.startedAt < PROBE_TIMEOUT_MS) return current.verdict;
  const verdict = probe(client);
  probes.set(client, { startedAt: now, verdict });
  return verdict;
}

type Probe = { startedAt: number; verdict: Promise<boolean> };

function probe(client: PrismaClient): Promise<boolean> {
  // Only an answer proves Postgres there: a probe that fails in any way (a pooled connection
  // that died with the others, a pool with no room) is Postgres not serving queries.
  const answered = client.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  return within(answered, PROBE_TIMEOUT_MS, false);
}

async function isOutage(client: PrismaClient, error: unknown): Promise<boolean> {
  if (isDatabaseUnavailable(error)) return true;
  return isUnreadableDatabaseError(error) && !(await postgresAnswers(client));
}

async function noteDatabaseError(client: PrismaClient, error: unknown): Promise<void> {
  if (!(await isOutage(client, error))) return;
  const record = records().getStore();
  if (record) record.unreachable = true;
  // Also what isDatabaseUnavailable reads, so API routes answer 503 for it (lib/http/api.ts).
  (error as { digest?: string }).digest = DATABASE_UNAVAILABLE_DIGEST;
}

/**
 * Marks the current request when its render failed on an error already known as Postgres being
 * unavailable: a request that waited for another's load (a cache's single flight, its lock) gets
 * that request's error, which the database client noted for the other request only. Called by
 * Next for every failed render (instrumentation.ts onRequestError), before the status is written.
 */
export function noteFailedRender(error: unknown): void {
  const record = records().getStore();
  if (record && isDatabaseUnavailable(error)) record.unreachable = true;
}

/** The client with every query's failure noted, before the error reaches the code that asked. */
export function markingOutages(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          await noteDatabaseError(client, error);
          throw error;
        }
      },
    },
  }) as unknown as PrismaClient;
}
