import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

// The one PrismaClient of a process. Dev hot reloads re-evaluate this module; globalThis
// survives them, so reloads do not open new connection pools. Scripts (seed) use it too,
// which is why it needs only DATABASE_URL.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max: 10 });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.prisma ?? createClient();
globalForDb.prisma = db;
