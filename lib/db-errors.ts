import { AppError } from "@/lib/errors";

// Postgres' code for a statement it cancelled, here because it ran past DB_STATEMENT_TIMEOUT_MS.
const QUERY_CANCELED = "57014";

type DriverError = { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };

/** True for a Prisma error whose statement Postgres cancelled (statement_timeout, see lib/db.ts). */
export function isStatementTimeout(error: unknown): boolean {
  return (
    (error as DriverError | null)?.meta?.driverAdapterError?.cause?.originalCode === QUERY_CANCELED
  );
}

/** The answer to a cancelled statement: the database was too slow this time, not a bug of the caller's. */
export const databaseTooSlow = () =>
  new AppError(
    "service_unavailable",
    "The database took too long to answer. Please try again in a moment.",
  );
