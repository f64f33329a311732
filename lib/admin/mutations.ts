import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";

// Every admin action, recorded after it is done: who, what, on what, with what result.
export type AdminActionName = "cache.clear" | "cache.delete-key" | "cache.warm" | "views.flush";

export async function recordAdminAction(entry: {
  actor: { id: number; username: string };
  action: AdminActionName;
  target?: string;
  details?: Prisma.InputJsonObject;
}): Promise<void> {
  await db.adminAction.create({
    data: {
      actorId: entry.actor.id,
      actorName: entry.actor.username,
      action: entry.action,
      target: entry.target ?? "",
      details: entry.details ?? {},
    },
  });
}
