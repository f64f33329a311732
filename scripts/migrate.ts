import "./load-env";
import path from "node:path";
import { databaseSettings, EnvError } from "@/lib/platform/env";
import { ensureDatabase, migrate } from "@/lib/platform/migrator";
import { errorMessage } from "@/lib/util/error-message";

async function main() {
  const url = databaseSettings().DATABASE_URL;
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const result = await migrate(url, path.join(process.cwd(), "prisma/migrations"), console.log);
  console.log(
    `migrations: ${result.applied.length} applied, ${result.alreadyApplied} already up to date`,
  );
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `migrate: ${errorMessage(error)}`);
  process.exit(1);
});
