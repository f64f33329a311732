import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { markingOutages } from "@/lib/platform/database-outage";
import { databaseSettings } from "@/lib/platform/env";
import { recordSql } from "@/lib/platform/request-trace";
import { remember } from "@/lib/util/remember";

// The one PrismaClient of a process, made on first use (so importing a module, as `next build`
// does, needs no configuration). Dev hot reloads re-evaluate this module; a remembered client
// survives them, so reloads do not open new connection pools. Scripts (seed) use it too, which is why it
// needs only DATABASE_URL.
const client = () => remember("prisma", createClient);

function createClient(): PrismaClient {
  const settings = databaseSettings();
  // statement_timeout: a statement gone wrong is cancelled by Postgres instead of holding a
  // connection for minutes; connectionTimeoutMillis: a query does not queue for a connection
  // without end when Postgres does not answer or every connection is busy (both answered 503,
  // lib/platform/db-errors.ts).
  const adapter = new PrismaPg({
    connectionString: settings.DATABASE_URL,
    max: 10,
    statement_timeout: settings.DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: settings.DB_CONNECT_TIMEOUT_MS,
  });
  const prisma = new PrismaClient({ adapter, log: [{ level: "query", emit: "event" }] });
  // Counts each SQL statement into the current request's trace (a no-op outside one).
  prisma.$on("query", (event) => recordSql(event.duration));
  // A page whose render meets an unreachable Postgres then answers 503, not 500.
  return markingOutages(prisma);
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, property) {
    const target = client();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
