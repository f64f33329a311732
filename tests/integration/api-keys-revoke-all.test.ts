// "Sign out everywhere" and a password change can revoke every API key in the same step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countActiveApiKeys, createApiKey, revokeAllApiKeys } from "@/lib/domains/api-keys";
import { authenticateApiKey } from "@/lib/domains/auth/api-key";
import type { PublicUser } from "@/lib/domains/users/queries";
import { caught } from "../helpers/errors";
import { deleteUsers, makeUser } from "../helpers/factories";

let [owner, other]: PublicUser[] = [];
beforeAll(async () => {
  [owner, other] = [await makeUser(), await makeUser()];
});
afterAll(() => deleteUsers(owner.id, other.id));

describe("revokeAllApiKeys", () => {
  it("revokes every active key of the user, and nobody else's; the keys stop working at once", async () => {
    const mine = [
      await createApiKey(owner.id, { name: "laptop" }),
      await createApiKey(owner.id, { name: "ci" }),
    ];
    const theirs = await createApiKey(other.id, { name: "theirs" });
    expect(await countActiveApiKeys(owner.id)).toBe(2);

    expect(await revokeAllApiKeys(owner.id)).toBe(2);
    for (const { token } of mine) {
      expect(await caught(authenticateApiKey(token))).toMatchObject({
        code: "unauthorized",
        message: "That API key was revoked. Make a new one in Settings.",
      });
    }
    expect(await countActiveApiKeys(owner.id)).toBe(0);
    expect((await authenticateApiKey(theirs.token)).user.id).toBe(other.id);
    expect(await revokeAllApiKeys(owner.id)).toBe(0);
  });
});
