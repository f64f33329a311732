// The services of `npm test` (scripts/test.sh), which is a shell script and so cannot hold them
// in a process of its own:
//   tsx scripts/services/cli.ts start <state-file> <owner-pid>   DATABASE_URL's Postgres and
//       REDIS_URL's Redis answer, or are started (see index.ts); those started are written to
//       <state-file>, which stays empty when nothing was started;
//   tsx scripts/services/cli.ts stop <state-file>                stops them.
// Exit code 1 with a sentence, never a stack trace, when a service cannot be had.
import { redactUrl } from "../../lib/util/redact-url";
import "../load-env";
import { readFileSync, writeFileSync } from "node:fs";
import { errorMessage } from "../../lib/util/error-message";
import { ensureServices, ServiceError, type StartedService, stopService } from "./index";

const [command, stateFile, owner] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
const redisUrl = process.env.REDIS_URL ?? "redis://localhost:6379/0";

async function main(): Promise<void> {
  if (command === "start" && stateFile) {
    const { started } = await ensureServices({
      databaseUrl,
      redisUrl,
      dataDir: ".data",
      owner: Number(owner) || process.ppid,
    });
    writeFileSync(stateFile, started.length > 0 ? JSON.stringify(started) : "");
    console.log(
      `services: Postgres and Redis answer (${redactUrl(databaseUrl)}, ${redactUrl(redisUrl)})`,
    );
  } else if (command === "stop" && stateFile) {
    const text = readFileSync(stateFile, "utf8");
    const started: StartedService[] = text ? JSON.parse(text) : [];
    await Promise.all(started.map((service) => stopService(service)));
    console.log(`services: stopped ${started.map((s) => `${s.name} (port ${s.port})`).join(", ")}`);
  } else {
    throw new ServiceError("usage: cli.ts start <state-file> [owner-pid] | stop <state-file>");
  }
}

main().catch((error) => {
  console.error(error instanceof ServiceError ? error.message : `services: ${errorMessage(error)}`);
  process.exit(1);
});
