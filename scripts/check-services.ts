import "./load-env";
import Redis from "ioredis";
import pg from "pg";
import { errorMessage } from "@/lib/util/error-message";

// Says, for each service the blog needs, whether it answers, and if not, where we looked and
// how to fix it. Exit code 1 when one does not answer. No stack traces.
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
const redisUrl = process.env.REDIS_URL ?? "redis://localhost:6379/0";
const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, "//***@");

async function checkPostgres(): Promise<string | null> {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return [
      `Postgres does not answer at ${redact(databaseUrl)} (${errorMessage(error)}).`,
      "  Fix one of: set DATABASE_URL in .env to a running server;",
      "  run `docker compose up -d postgres`; or `apt-get install -y postgresql` and start it",
      "  (`pg_ctlcluster 15 main start`).",
    ].join("\n");
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRedis(): Promise<string | null> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return [
      `Redis does not answer at ${redact(redisUrl)} (${errorMessage(error)}).`,
      "  Fix one of: set REDIS_URL in .env to a running server; run `docker compose up -d redis`;",
      "  or `apt-get install -y redis-server` (scripts/demo.sh then starts a private one under .data/).",
    ].join("\n");
  } finally {
    client.disconnect();
  }
}

const problems = (await Promise.all([checkPostgres(), checkRedis()])).filter(
  (p): p is string => p !== null,
);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`services: Postgres and Redis answer (${redact(databaseUrl)}, ${redact(redisUrl)})`);
