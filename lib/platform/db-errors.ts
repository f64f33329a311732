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
// 57P01-57P03), or has no room for the query (class 53: too many connections, out of memory or
// disk; 57014: the statement ran past statement_timeout), as the pg adapter and Prisma report it.
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[123]|57014)/;
// node-postgres fails a query whose connection ended (Postgres stopped, a proxy or the network cut
// it) or that waited too long for one with a plain Error that only its message tells apart; the pg
// adapter passes it on as it is. A query sent again on a new connection can work.
const CONNECTION_LOST = new Set([
  "Connection terminated unexpectedly",
  "Connection terminated",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Query read timeout",
  "timeout exceeded when trying to connect",
]);

/** What a 503 for an unavailable Postgres tells the client to wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The digest of a page's error when Postgres was away (lib/platform/database-outage.ts, app/error.tsx). */
export const DATABASE_UNAVAILABLE_DIGEST = "database-unavailable";

/**
 * True for an error that says Postgres cannot serve the query now (down, restarting, unreachable,
 * out of connections, too slow, the connection lost under it), and for an error the app's client
 * marked so after asking Postgres (lib/platform/database-outage.ts). Trying again later can work.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, meta, digest, message } = (error ?? {}) as DriverError & {
    digest?: string;
    message?: string;
  };
  const cause = meta?.driverAdapterError?.cause;
  return (
    digest === DATABASE_UNAVAILABLE_DIGEST ||
    UNAVAILABLE_PRISMA_CODES.has(code ?? "") ||
    UNAVAILABLE_KINDS.has(cause?.kind ?? "") ||
    UNAVAILABLE_SQLSTATE.test(cause?.originalCode ?? "") ||
    (error instanceof Error && code === undefined && CONNECTION_LOST.has(message ?? ""))
  );
}

// Raised by Prisma before any SQL is sent: the caller's mistake, never an outage.
const CALLER_ERRORS = new Set(["PrismaClientValidationError"]);

/**
 * True for a query's error that says nothing we can read: no Prisma code, no adapter kind, no
 * SQLSTATE, no message of node-postgres we know. It may be Postgres gone or a bug of ours.
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
