// The admin's other actions on the test Redis and Postgres: deleting a key (confirmed, any key,
// binary too), warming, flushing views; each refused to non-admins, recorded in the audit log
// when done, and a deletion or clear announced on the cache channel for the live log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clearForAdmin,
  deleteKeyForAdmin,
  flushViewsForAdmin,
  warmForAdmin,
} from "@/lib/admin/operations";
import { createCache } from "@/lib/cache";
import { createPost } from "@/lib/domains/posts/mutations";
import type { PublicUser } from "@/lib/domains/users/queries";
import { recordView } from "@/lib/domains/view-counts/counter";
import { db } from "@/lib/platform/db";
import { AppError } from "@/lib/platform/errors";
import { channels } from "@/lib/realtime/channels";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { deleteByPattern, patient, recordingClient, testRedis } from "../../helpers/redis";
import { uniquePrefix } from "./helpers";

const client = recordingClient();
const listener = testRedis();
const heard: { namespace: string; keys: string[]; reason: string }[] = [];
const prefix = uniquePrefix("ops");
let admin: PublicUser;
let reader: PublicUser;

beforeAll(async () => {
  const [a, r] = await Promise.all([makeUser(), makeUser()]);
  await db.user.update({ where: { id: a.id }, data: { role: "ADMIN" } });
  admin = { ...a, role: "ADMIN" };
  reader = r;
  listener.on("message", (_channel: string, message: string) => heard.push(JSON.parse(message)));
  await listener.subscribe(channels.cache);
});

afterAll(async () => {
  await deleteByPattern(client, `${prefix}*`);
  client.disconnect();
  listener.disconnect();
  await deleteUsers(admin.id, reader.id);
});

// This file's admin's own audit rows, newest first: other writers of the log do not shift them.
const auditOf = (actor: PublicUser, take: number) =>
  db.adminAction.findMany({ where: { actorId: actor.id }, orderBy: { id: "desc" }, take });

const waitToHear = (
  match: (event: { reason: string; keys: string[]; namespace: string }) => boolean,
) => expect.poll(() => heard.find(match), { timeout: 3_000 }).toBeTruthy();

const refused = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("deleteKeyForAdmin", () => {
  it("deletes a hostile text key once confirmed, records it, and announces it", async () => {
    const key = `${prefix}:<script>alert(1)</script>`;
    await client.set(key, "x");
    expect((await refused(deleteKeyForAdmin(admin, { key }, client))).fields).toHaveProperty(
      "confirm",
    );
    expect(await client.exists(key)).toBe(1);

    expect(await deleteKeyForAdmin(admin, { key, confirm: "yes" }, client)).toBe(true);
    expect(await client.exists(key)).toBe(0);
    expect(await deleteKeyForAdmin(admin, { key, confirm: "yes" }, client)).toBe(false);
    const [latest, previous] = await auditOf(admin, 2);
    expect(latest).toMatchObject({
      actorName: admin.username,
      action: "cache.delete-key",
      target: key,
      details: { existed: false },
    });
    expect(previous).toMatchObject({
      action: "cache.delete-key",
      target: key,
      details: { existed: true },
    });
    await waitToHear(
      (event) => event.keys.includes(key) && event.reason === `key deleted by ${admin.username}`,
    );
    expect(heard.find((event) => event.keys.includes(key))?.namespace).toBe("test:admin");
  });

  it("deletes a binary key given in hex, and nobody but an admin deletes anything", async () => {
    const key = Buffer.concat([Buffer.from(`${prefix}:bin:`), Buffer.from([0x00, 0xff])]);
    await client.set(key, "x");
    expect(
      (
        await refused(
          deleteKeyForAdmin(reader, { hex: key.toString("hex"), confirm: "yes" }, client),
        )
      ).code,
    ).toBe("forbidden");
    expect(await client.exists(key)).toBe(1);
    expect(
      await deleteKeyForAdmin(admin, { hex: key.toString("hex"), confirm: "yes" }, client),
    ).toBe(true);
    expect(await client.exists(key)).toBe(0);
    expect((await auditOf(admin, 1))[0].target).toBe(`hex:${key.toString("hex")}`);
  });
});

describe("clearing announces each namespace it cleared", () => {
  it("publishes cache.invalidated with the namespace and who cleared it", async () => {
    const cache = createCache({
      redis: client,
      namespace: `${prefix}:ns`,
      ...patient,
    });
    await cache.setMany({ a: 1, b: 2 });
    await clearForAdmin(
      admin,
      { target: `${prefix}:ns`, confirm: `${prefix}:ns` },
      { caches: [cache], client },
    );
    await waitToHear(
      (event) =>
        event.namespace === `${prefix}:ns` &&
        event.reason === `cleared by ${admin.username} (2 keys)`,
    );
    await cache.close();
  });
});

describe("warming and flushing views", () => {
  it("refuse anyone but an admin", async () => {
    expect((await refused(warmForAdmin(reader))).code).toBe("forbidden");
    expect((await refused(flushViewsForAdmin(reader))).code).toBe("forbidden");
    expect((await refused(warmForAdmin(null as unknown as PublicUser))).code).toBe("unauthorized");
  });

  it("run for an admin and are recorded with their results", async () => {
    // Warming is one process at a time (lock:warm): with nobody else warming, this call warms.
    await expect.poll(() => client.exists("lock:warm")).toBe(0);
    const warmed = await warmForAdmin(admin);
    expect(warmed).toMatchObject({ warmed: true, entries: expect.any(Number) });
    expect(warmed.entries).toBeGreaterThan(0);

    const post = await createPost(admin.id, {
      title: "Three views pending",
      content: "Read three times, flushed by hand.",
    });
    for (let i = 0; i < 3; i++) await recordView(post); // below the flush threshold: pending in Redis
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(0);
    const moved = await flushViewsForAdmin(admin);
    expect(moved).toBeGreaterThanOrEqual(3);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(3);
    const [flush, warm] = await auditOf(admin, 2);
    expect(flush).toMatchObject({
      actorName: admin.username,
      action: "views.flush",
      details: { moved },
    });
    expect(warm).toMatchObject({
      actorName: admin.username,
      action: "cache.warm",
      details: warmed,
    });
  });
});
