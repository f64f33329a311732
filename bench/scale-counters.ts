// What a stretch of `npm run bench:scale` asked of Redis and Postgres, read on the servers before
// and after it, for a capacity plan: the app's own counters (lib/platform/request-trace.ts) cover
// only the work inside traced() and leave out the session lookup, the page cache and anything in
// the background, and /api/metrics has no SQL count.
//   Redis: INFO commandstats and INFO stats of every master (replicas only copy the writes).
//   Postgres: pg_stat_statements' calls, counted when each statement ends. pg_stat_database's
//   xact_commit is the fallback where the extension is not installed: a backend reports it up to
//   a second late when busy and up to 10 s late once idle, so a stretch's count is blurred.
import { nodeCall } from "./lib/cluster-nodes";
import type { PrivateSite, SiteRedis } from "./lib/private-site";

export type Counts = {
  /** Calls by command name (subcommands apart: "cluster|slots"). */
  commands: Map<string, number>;
  /** Client traffic both ways, replication excluded (Redis 7 counts it apart); this benchmark's
   * own INFO replies are in it, a few KB a stretch. */
  bytes: number;
  statements: number;
};

// Not the app's load: this benchmark's INFO (and ioredis' ready check, which is INFO too), and
// the replicas' acknowledgements.
const NOT_LOAD = new Set(["info", "replconf", "psync"]);

const field = (info: string, name: string) =>
  Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);

async function redisCounts(masters: number[]) {
  const commands = new Map<string, number>();
  let bytes = 0;
  for (const port of masters) {
    const info = String(await nodeCall(port, "INFO", "stats", "commandstats"));
    bytes += field(info, "total_net_input_bytes") + field(info, "total_net_output_bytes");
    for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
      if (!NOT_LOAD.has(name)) commands.set(name, (commands.get(name) ?? 0) + Number(calls));
  }
  return { commands, bytes };
}

const STATEMENTS = `SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND query NOT LIKE '%pg_stat_statements%'`;
const TRANSACTIONS = `SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`;

export type StatementCounter = { label: string; read: () => Promise<number> };

/**
 * pg_stat_statements loaded into the site's Postgres (a restart, before any app connects), or,
 * where it is not installed, committed transactions.
 */
export async function countStatements(site: PrivateSite<SiteRedis>): Promise<StatementCounter> {
  const count = (sql: string) => async () => Number((await site.query<{ n: string }>(sql))[0].n);
  const available = await site.query(
    `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'`,
  );
  if (available.length === 0)
    return { label: "transactions (xact_commit, reported late)", read: count(TRANSACTIONS) };
  await site.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await site.postgres.stop();
  await site.postgres.start();
  await site.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  return { label: "statements (pg_stat_statements)", read: count(STATEMENTS) };
}

export async function readCounts(masters: number[], pg: StatementCounter): Promise<Counts> {
  const [redis, statements] = await Promise.all([redisCounts(masters), pg.read()]);
  return { ...redis, statements };
}

export function difference(after: Counts, before: Counts): Counts {
  const commands = new Map<string, number>();
  for (const [name, calls] of after.commands) {
    const delta = calls - (before.commands.get(name) ?? 0);
    if (delta > 0) commands.set(name, delta);
  }
  return {
    commands,
    bytes: after.bytes - before.bytes,
    statements: after.statements - before.statements,
  };
}

const sumOf = (counts: Counts) => [...counts.commands.values()].reduce((sum, n) => sum + n, 0);

/**
 * What the idle app processes ask with no load at all (the caches' statistics, the view sweep,
 * the admin sampler, the Cluster client's slot refresh), per second: it is in every stretch's
 * counts too, whichever setup is measured, a share that shrinks as the setup answers faster.
 */
export async function printIdle(
  redisSets: Map<string, number[]>,
  pg: StatementCounter,
  seconds: number,
): Promise<void> {
  const read = () => Promise.all([...redisSets.values()].map((ports) => readCounts(ports, pg)));
  const before = await read();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await read();
  const rates = [...redisSets.keys()].map((name, i) => {
    const idle = difference(after[i], before[i]);
    return `${name} ${(sumOf(idle) / seconds).toFixed(1)} commands/s, ${(idle.bytes / seconds).toFixed(0)} bytes/s`;
  });
  const statements = difference(after[0], before[0]).statements / seconds;
  console.log(
    `no load for ${seconds} s, Redis: ${rates.join("; ")}; Postgres ${statements.toFixed(1)} ${pg.label}/s`,
  );
}
