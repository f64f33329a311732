import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";

// The admin actions recorded by ./mutations.ts, newest first.
export type AuditEntry = {
  id: number;
  actorName: string;
  action: string;
  target: string;
  details: Prisma.JsonValue;
  createdAt: Date;
};

export function latestAdminActions(take = 20): Promise<AuditEntry[]> {
  return db.adminAction.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      actorName: true,
      action: true,
      target: true,
      details: true,
      createdAt: true,
    },
  });
}
