import "server-only";
import { db } from "@/lib/db";

// What pages may see of a user: never the password hash.
export const publicUserSelect = {
  id: true,
  email: true,
  username: true,
  name: true,
  bio: true,
  role: true,
  createdAt: true,
} as const;

export type PublicUser = {
  id: number;
  email: string;
  username: string;
  name: string;
  bio: string;
  role: "USER" | "ADMIN";
  createdAt: Date;
};

export async function findActiveUserById(id: number): Promise<PublicUser | null> {
  return db.user.findFirst({ where: { id, isActive: true }, select: publicUserSelect });
}

export async function findProfileByUsername(username: string) {
  return db.user.findFirst({
    where: { username: { equals: username, mode: "insensitive" }, isActive: true },
    select: {
      id: true,
      username: true,
      name: true,
      bio: true,
      createdAt: true,
      _count: { select: { followers: true, following: true } },
    },
  });
}
