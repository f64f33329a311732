import { AppError } from "@/lib/platform/errors";

// Postgres' code for a statement it cancelled, here because it ran past DB_STATEMENT_TIMEOUT_MS.
const QUERY_CANCELED = "57014";

type DriverError = {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
};

/** True for a Prisma error whose statement Postgres cancelled (statement_timeout, see lib/platform/db.ts). */
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

// Postgres cannot be reached, hung up, is shutting down or still starting (SQLSTATE class 08 and
// 57P01-57P03), as the pg adapter and Prisma report it.
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
const UNREACHABLE_SQLSTATE = /^(08|57P0[123])/;

/** The digest of a page's error when Postgres was away (lib/platform/database-outage.ts, app/error.tsx). */
export const DATABASE_UNAVAILABLE_DIGEST = "database-unavailable";

/**
 * True for a Prisma error that says Postgres is not there (down, restarting, unreachable), and
 * for an error the app's client marked so after asking Postgres (lib/platform/database-outage.ts).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, meta, digest } = (error ?? {}) as DriverError & { digest?: string };
  const cause = meta?.driverAdapterError?.cause;
  return (
    digest === DATABASE_UNAVAILABLE_DIGEST ||
    UNREACHABLE_PRISMA_CODES.has(code ?? "") ||
    UNREACHABLE_KINDS.has(cause?.kind ?? "") ||
    UNREACHABLE_SQLSTATE.test(cause?.originalCode ?? "")
  );
}

// Raised by Prisma before any SQL is sent: the caller's mistake, never an outage.
const CALLER_ERRORS = new Set(["PrismaClientValidationError"]);

/**
 * True for a query's error that says nothing we can read: no Prisma code, no adapter kind, no
 * SQLSTATE. node-postgres fails a query whose connection closed under it with such a plain Error,
 * and the pg adapter passes it on as it is, whether Postgres stopped or one connection was lost.
 */
export function isUnreadableDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error) || CALLER_ERRORS.has(error.name)) return false;
  const { code, meta } = error as DriverError;
  const cause = meta?.driverAdapterError?.cause;
  return code === undefined && cause?.kind === undefined && cause?.originalCode === undefined;
}

/** The answer while Postgres is away: nothing was written, and trying again later will work. */
export const databaseUnavailable = () =>
  new AppError(
    "service_unavailable",
    "The database is not answering right now. Please try again in a moment.",
  );
