// A whole site of the benchmark's own: a private Postgres cluster and a private redis-server (or
// whatever Redis the caller gives it, such as a private Redis Cluster), migrated, with an author
// who posts through an API key, and the environment of an app server that uses them. Everything
// is removed by close(), on success, failure or Ctrl-C.
import path from "node:path";
import pg from "pg";
import { ensureDatabase, migrate } from "../../lib/platform/migrator";
import { createWriter, type Writer } from "./bench-writer";
import { PrivatePostgres } from "./private-postgres";
import { RedisProcess } from "./redis-process";

/** The Redis a site's app uses: started before anything else, killed (and removed) at close. */
export interface SiteRedis {
  start(): Promise<void>;
  kill(): Promise<void>;
  /** The app's settings that point it at this Redis (REDIS_URL, or REDIS_CLUSTER_NODES). */
  appEnv(): Record<string, string>;
}

export type PrivateSite<R extends SiteRedis = RedisProcess> = {
  postgres: PrivatePostgres;
  redis: R;
  databaseUrl: string;
  /** One statement on a connection of its own (so a check survives a restart of Postgres). */
  query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  writer: Writer;
  /** The app server's environment: these services, and limits that one loopback client never hits. */
  appEnv: NodeJS.ProcessEnv;
  /** Something to stop before the site's services at close (app servers, nginx), Ctrl-C included. */
  atClose: (stop: () => Promise<void>) => void;
  close: () => Promise<void>;
};

const UNLIMITED = "100000000";

export function openPrivateSite(distDir: string): Promise<PrivateSite>;
export function openPrivateSite<R extends SiteRedis>(
  distDir: string,
  redis: R,
): Promise<PrivateSite<R>>;
export async function openPrivateSite(
  distDir: string,
  redis: SiteRedis = new RedisProcess(),
): Promise<PrivateSite<SiteRedis>> {
  const postgres = new PrivatePostgres();
  const stops: (() => Promise<void>)[] = [];
  const atClose = (stop: () => Promise<void>) => void stops.unshift(stop);
  const close = async () => {
    for (const stop of stops.splice(0)) await stop().catch(() => {});
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
    return { postgres, redis, databaseUrl, query, writer, appEnv, atClose, close };
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

function appEnvironment(distDir: string, databaseUrl: string, redis: SiteRedis): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    ...redis.appEnv(),
    SESSION_SECRET: "faults-and-soak-benchmark-secret-0123456789",
    // Every request comes from 127.0.0.1: its limits must never be what the figures measure.
    RATE_LIMIT_API_PER_HOUR: UNLIMITED,
    RATE_LIMIT_VIEWS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_SEARCH_PER_MINUTE: UNLIMITED,
    SSE_MAX_PER_IDENTITY: "16",
  };
}
