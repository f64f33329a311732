import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createApiKey,
  listApiKeys,
  MAX_ACTIVE_API_KEYS,
  revokeApiKey,
} from "@/lib/domains/api-keys";
import { authenticateApiKey } from "@/lib/domains/auth/api-key";
import { apiWriter } from "@/lib/domains/auth/api-writer";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { AppError } from "@/lib/platform/errors";
import { deleteUsers, makeUser } from "../helpers/factories";

let owner: PublicUser;
let other: PublicUser;
beforeAll(async () => {
  [owner, other] = [await makeUser(), await makeUser()];
});
afterAll(() => deleteUsers(owner.id, other.id));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const apiRequest = (headers: Record<string, string>) =>
  new Request("http://blog.test/api/posts", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
  });

describe("API keys", () => {
  it("are made with a visible id and authenticate their owner", async () => {
    const { key, token } = await createApiKey(owner.id, { name: "  deploy script  " });
    expect(key).toMatchObject({ name: "deploy script", lastUsedAt: null, revokedAt: null });
    expect(key.prefix).toMatch(/^blog_[0-9a-f]{8}$/);
    expect(token.startsWith(`${key.prefix}_`)).toBe(true);
    const { keyId, user } = await authenticateApiKey(token);
    expect(keyId).toBe(key.id);
    expect(user).toEqual(owner);
    expect(user).not.toHaveProperty("passwordHash");
    const [listed] = await listApiKeys(owner.id);
    expect(listed.id).toBe(key.id);
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty("hash");
  });

  it("are stored hashed: the key appears nowhere in the database", async () => {
    const { key, token } = await createApiKey(owner.id, { name: "hashed" });
    const secret = token.slice(key.prefix.length + 1);
    const rows = await db.$queryRaw<
      { row: string }[]
    >`SELECT api_keys::text AS row FROM api_keys WHERE user_id = ${owner.id}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) {
      expect(row).not.toContain(token);
      expect(row).not.toContain(secret);
    }
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("work as X-API-Key for writing API calls, without an origin check", async () => {
    const { token } = await createApiKey(owner.id, { name: "writer" });
    const user = await apiWriter(
      apiRequest({ "x-api-key": token, origin: "https://elsewhere.example" }),
    );
    expect(user.id).toBe(owner.id);
  });

  it("refuse a revoked key with 401 and a clear message", async () => {
    const { key, token } = await createApiKey(owner.id, { name: "to revoke" });
    await revokeApiKey(owner.id, key.id);
    await revokeApiKey(owner.id, key.id); // twice is fine
    const error = await refusal(apiWriter(apiRequest({ "x-api-key": token })));
    expect(error.status).toBe(401);
    expect(error.message).toBe("That API key was revoked. Make a new one in Settings.");
    expect((await listApiKeys(owner.id)).find((k) => k.id === key.id)?.revokedAt).toBeInstanceOf(
      Date,
    );
  });

  it("refuse malformed and unknown keys with 401, never a 500", async () => {
    const { token } = await createApiKey(owner.id, { name: "real" });
    const unknown = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const sent of [
      "",
      "nonsense",
      "blog_",
      `${token}x`,
      `blog_zzzzzzzz_${"a".repeat(43)}`,
      "x".repeat(10_000),
    ]) {
      const error = await refusal(apiWriter(apiRequest({ "x-api-key": sent })));
      expect(error.status, sent.slice(0, 20)).toBe(401);
      expect(error.message).toMatch(/^That API key is malformed\./);
    }
    const error = await refusal(authenticateApiKey(unknown));
    expect(error.status).toBe(401);
    expect(error.message).toBe("That API key is not valid.");
  });

  it("cannot be revoked by anyone but their owner", async () => {
    const { key, token } = await createApiKey(owner.id, { name: "mine" });
    const error = await refusal(revokeApiKey(other.id, key.id));
    expect(error.status).toBe(404);
    for (const bad of ["abc", -1, 0, "1.5", null])
      expect((await refusal(revokeApiKey(owner.id, bad))).status).toBe(404);
    expect((await authenticateApiKey(token)).keyId).toBe(key.id);
  });

  it("stop working when their owner is deactivated", async () => {
    const person = await makeUser();
    const { token } = await createApiKey(person.id, { name: "former" });
    await db.user.update({ where: { id: person.id }, data: { isActive: false } });
    expect((await refusal(authenticateApiKey(token))).message).toBe("That API key is not valid.");
    await deleteUsers(person.id);
  });

  it("need a name, and are capped per person", async () => {
    expect((await refusal(createApiKey(owner.id, { name: "   " }))).fields).toEqual({
      name: "Give the key a name, e.g. where it is used.",
    });
    expect((await refusal(createApiKey(owner.id, { name: "x".repeat(61) }))).fields?.name).toBe(
      "Use at most 60 characters.",
    );
    const person = await makeUser();
    for (let i = 0; i < MAX_ACTIVE_API_KEYS; i++)
      await createApiKey(person.id, { name: `key ${i}` });
    const capped = await refusal(createApiKey(person.id, { name: "one too many" }));
    expect(capped.status).toBe(409);
    expect(await db.apiKey.count({ where: { userId: person.id } })).toBe(MAX_ACTIVE_API_KEYS);
    await deleteUsers(person.id);
    expect(await db.apiKey.count({ where: { userId: person.id } })).toBe(0); // gone with their owner
  });
});
