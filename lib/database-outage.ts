import { AsyncLocalStorage } from "node:async_hooks";
import { DATABASE_UNAVAILABLE_DIGEST, isDatabaseUnreachable } from "@/lib/db-errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { remember } from "@/lib/remember";

// Postgres away during a page render: Next answers 500 for any page whose render threw. So each
// request server.ts handles carries a record; the database client marks it when Postgres cannot be
// reached, and the server answers 503 with Retry-After instead (lib/response-status.ts). The error
// also gets a digest of its own, the one part of a server error a page receives, so the error page
// can say why (app/error.tsx). API routes answer 503 through lib/http.ts without this.

type OutageRecord = { unreachable: boolean };
// One store per process: server.ts and Next's bundles each have a copy of this module.
const records = () => remember("database-outage", () => new AsyncLocalStorage<OutageRecord>());

export function withOutageRecord<T>(handle: () => T): T {
  return records().run({ unreachable: false }, handle);
}

/** True when the current request met an unreachable Postgres. */
export const databaseWasUnreachable = (): boolean => records().getStore()?.unreachable ?? false;

function noteDatabaseError(error: unknown): void {
  if (!isDatabaseUnreachable(error)) return;
  const record = records().getStore();
  if (record) record.unreachable = true;
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
          noteDatabaseError(error);
          throw error;
        }
      },
    },
  }) as unknown as PrismaClient;
}
