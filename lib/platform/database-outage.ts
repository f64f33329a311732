import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DATABASE_UNAVAILABLE_DIGEST,
  isDatabaseUnreachable,
  isUnreadableDatabaseError,
} from "@/lib/platform/db-errors";
import { remember } from "@/lib/util/remember";
import { within } from "@/lib/util/within";

// Postgres away during a page render: Next answers 500 for any page whose render threw. So each
// request server.ts handles carries a record; the database client marks it when Postgres cannot be
// reached, and the server answers 503 with Retry-After instead (lib/http/response-status.ts). The error
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
  // A probe that fails for another reason than an unreachable Postgres proves no outage.
  const answered = client.$queryRaw`SELECT 1`.then(
    () => true,
    (error: unknown) => !isDatabaseUnreachable(error),
  );
  return within(answered, PROBE_TIMEOUT_MS, false);
}

async function isOutage(client: PrismaClient, error: unknown): Promise<boolean> {
  if (isDatabaseUnreachable(error)) return true;
  return isUnreadableDatabaseError(error) && !(await postgresAnswers(client));
}

async function noteDatabaseError(client: PrismaClient, error: unknown): Promise<void> {
  if (!(await isOutage(client, error))) return;
  const record = records().getStore();
  if (record) record.unreachable = true;
  // Also what isDatabaseUnreachable reads, so API routes answer 503 for it (lib/http/api.ts).
  (error as { digest?: string }).digest = DATABASE_UNAVAILABLE_DIGEST;
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
