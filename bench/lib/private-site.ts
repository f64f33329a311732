// A whole site of the benchmark's own: a private Postgres cluster and a private redis-server,
// migrated, with an author who posts through an API key, and the environment of an app server
// that uses them. Everything is removed by close(), on success, failure or Ctrl-C.
import path from "node:path";
import pg from "pg";
import { ensureDatabase, migrate } from "../../lib/platform/migrator";
import { createWriter, type Writer } from "./bench-writer";
import { PrivatePostgres } from "./private-postgres";
import { RedisProcess } from "./redis-process";

export type PrivateSite = {
  postgres: PrivatePostgres;
  redis: RedisProcess;
  databaseUrl: string;
  /** One statement on a connection of its own (so a check survives a restart of Postgres). */
  query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  writer: Writer;
  /** The app server's environment: these services, and limits that one loopback client never hits. */
  appEnv: NodeJS.ProcessEnv;
  close: () => Promise<void>;
};

const UNLIMITED = "100000000";

export async function openPrivateSite(distDir: string): Promise<PrivateSite> {
  const postgres = new PrivatePostgres();
  const redis = new RedisProcess();
  const close = async () => {
    await redis.kill();
    await postgres.remove();
  };
  const onSignal = () => void close().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await postgres.init();
    await redis.start();
    const databaseUrl = postgres.url("blog_bench");
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl, path.join(process.cwd(), "prisma/migrations"));
    const query = queryOn(databaseUrl);
    const writer = await withClient(databaseUrl, createWriter);
    const appEnv = appEnvironment(distDir, databaseUrl, redis);
    return { postgres, redis, databaseUrl, query, writer, appEnv, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const queryOn =
  (url: string) =>
  <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    withClient(url, async (client) => (await client.query<R>(text, values)).rows);

function appEnvironment(
  distDir: string,
  databaseUrl: string,
  redis: RedisProcess,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url(0),
    STATIC_CACHE_DB: "1",
    SESSION_SECRET: "faults-and-soak-benchmark-secret-0123456789",
    // Every request comes from 127.0.0.1: its limits must never be what the figures measure.
    RATE_LIMIT_API_PER_HOUR: UNLIMITED,
    RATE_LIMIT_VIEWS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_SEARCH_PER_MINUTE: UNLIMITED,
    SSE_MAX_PER_IDENTITY: "16",
  };
}
