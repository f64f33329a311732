import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { registerUser } from "@/lib/domains/users/mutations";
import { db } from "@/lib/platform/db";

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

/**
 * A user made before this file's first test and deleted after its last (their posts and
 * comments go with them, by cascade). The object's fields are filled in by the time a test runs.
 */
export function userForFile(): Awaited<ReturnType<typeof makeUser>> {
  const user = {} as Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    Object.assign(user, await makeUser());
  });
  afterAll(() => deleteUsers(user.id));
  return user;
}
