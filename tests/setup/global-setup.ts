import path from "node:path";
import { ensureDatabase, migrate } from "@/lib/migrations/migrator";
import "./test-env";

// Tests run against their own, migrated database; never the development one.
export default async function globalSetup() {
  const url = process.env.DATABASE_URL!;
  if (!new URL(url).pathname.endsWith("_test")) throw new Error(`Refusing to test against ${url}: its name must end in _test.`);
  await ensureDatabase(url);
  await migrate(url, path.resolve("prisma/migrations"));
}
