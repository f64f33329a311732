import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads the URL from schema.prisma. The CLI's migrate commands work where
// the schema engine can be downloaded; here `npm run db:migrate` applies the same migrations.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog" },
});
