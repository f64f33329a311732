import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { registerUser } from "@/lib/users/mutations";

export const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

export const PASSWORD = "correct horse battery";

export async function makeUser(overrides: Partial<{ username: string; name: string }> = {}) {
  const username = overrides.username ?? unique("user");
  return registerUser({
    email: `${username}@test.example`,
    username,
    name: overrides.name ?? "Test User",
    password: PASSWORD,
  });
}

export async function deleteUsers(...ids: number[]) {
  await db.user.deleteMany({ where: { id: { in: ids } } });
}
