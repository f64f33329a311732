import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { migrate, readMigrations } from "@/lib/platform/migrator";

// Reads models, their table names and scalar columns out of schema.prisma, so the test follows
// the schema instead of repeating it.
function schemaModels() {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const enums = new Set([...schema.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]));
  const modelNames = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]));
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => {
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    const columns = body
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^\w+\s+\w+/.test(line) && !line.startsWith("@@"))
      .filter((line) => {
        const type = line.split(/\s+/)[1].replace(/[?[\]]/g, "");
        return !modelNames.has(type) || enums.has(type);
      })
      .map((line) => /@map\("([^"]+)"\)/.exec(line)?.[1] ?? line.split(/\s+/)[0]);
    return { name, table, columns };
  });
}

describe("migrations", () => {
  it("give every model of schema.prisma its table and every scalar field its column", async () => {
    const rows = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`;
    const actual = new Map<string, Set<string>>();
    for (const row of rows)
      actual.set(row.table_name, (actual.get(row.table_name) ?? new Set()).add(row.column_name));
    const models = schemaModels();
    expect(models.length).toBeGreaterThanOrEqual(4);
    for (const model of models) {
      expect(actual.has(model.table), `table ${model.table}`).toBe(true);
      expect([...actual.get(model.table)!].sort(), `columns of ${model.table}`).toEqual(
        [...model.columns].sort(),
      );
    }
  });

  it("are recorded in _prisma_migrations as Prisma records them", async () => {
    const files = await readMigrations(path.resolve("prisma/migrations"));
    const recorded = await db.$queryRaw<
      {
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }[]
    >`
      SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(recorded.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const file of files) {
      const row = recorded.find((r) => r.migration_name === file.name)!;
      const sha = createHash("sha256")
        .update(readFileSync(path.join("prisma/migrations", file.name, "migration.sql")))
        .digest("hex");
      expect(row.checksum).toBe(sha);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("apply nothing twice", async () => {
    const result = await migrate(process.env.DATABASE_URL!, path.resolve("prisma/migrations"));
    expect(result.applied).toEqual([]);
  });
});
