// Usernames are one name whatever their case: unique, and found exactly.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "@/lib/blog/pages/profile";
import { registerUser } from "@/lib/domains/users/mutations";
import { getProfile, type PublicUser } from "@/lib/domains/users/queries";
import { ensureDatabase, migrate } from "@/lib/platform/migrator";
import { caught } from "../helpers/errors";
import { deleteUsers, makeUser, PASSWORD, unique } from "../helpers/factories";

const MIGRATION = "20261129000000_usernames_case_insensitive";

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("usernames", () => {
  const made: PublicUser[] = [];
  afterAll(() => deleteUsers(...made.map((user) => user.id)));

  it("cannot be registered twice in different cases, with a message for the username field", async () => {
    const name = unique("Alice");
    made.push(await makeUser({ username: name }));
    for (const username of [name.toLowerCase(), name.toUpperCase()]) {
      const signUp = registerUser({
        email: `${unique("other")}@test.example`,
        username,
        name: "Someone else",
        password: PASSWORD,
      });
      expect(await caught(signUp), username).toMatchObject({
        code: "conflict",
        status: 409,
        fields: { username: "That username is taken." },
      });
    }
  });

  it("find the one account whatever the case asked for, keeping the case it was registered with", async () => {
    const name = unique("MixedCase");
    const user = await makeUser({ username: name });
    made.push(user);
    for (const asked of [name, name.toLowerCase(), name.toUpperCase()]) {
      const page = await loadProfile(asked, null);
      expect(page?.profile, asked).toMatchObject({ id: user.id, username: name, name: user.name });
      expect(page?.profile.createdAt.getTime()).toBe(user.createdAt.getTime());
    }
  });

  it("treat '_' as a character, not a wildcard: /u/a_c does not find 'abc'", async () => {
    const name = unique("wild").replace("_", "x");
    made.push(await makeUser({ username: name }));
    const withUnderscore = `${name.slice(0, 2)}_${name.slice(3)}`;
    expect(await getProfile(withUnderscore.toLowerCase())).toBeNull();
    expect(await getProfile(name.toLowerCase())).toMatchObject({ username: name });
  });
});

describe(`migration ${MIGRATION}`, () => {
  const base = new URL(process.env.DATABASE_URL!);
  const scratch = new URL(base);
  scratch.pathname = `${base.pathname.slice(1).replace(/_test$/, "")}_usernames_migration_test`;
  let before: string;

  async function sql(text: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: scratch.toString() });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  async function dropScratch() {
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${scratch.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }

  beforeAll(async () => {
    await dropScratch();
    await ensureDatabase(scratch.toString());
    // Every migration before this one, as a database made before it would have.
    before = await mkdtemp(path.join(tmpdir(), "migrations-"));
    for (const name of await readdir("prisma/migrations")) {
      if (name < MIGRATION)
        await cp(path.join("prisma/migrations", name), path.join(before, name), {
          recursive: true,
        });
    }
    await migrate(scratch.toString(), before);
  });
  afterAll(async () => {
    await dropScratch();
    await rm(before, { recursive: true, force: true });
  });

  const addUser = (username: string) =>
    sql(
      `INSERT INTO users (email, username, name, password_hash, updated_at) VALUES ($1, $2, 'n', 'x', now()) RETURNING id`,
      [`${username}@m.test`, username],
    );

  it("stops on names that differ only in case, names them, and changes nothing", async () => {
    const [{ id: first }] = await addUser("Alice");
    const [{ id: second }] = await addUser("alice");
    await addUser("bob");
    const error = await failure(migrate(scratch.toString(), path.resolve("prisma/migrations")));
    expect(error.message).toContain(`Migration ${MIGRATION} failed and was rolled back`);
    expect(error.message).toContain(
      `usernames that differ only in case: Alice (id ${first}), alice (id ${second})`,
    );
    expect(
      await sql(`SELECT 1 FROM pg_indexes WHERE indexname = 'users_username_lower_key'`),
    ).toEqual([]);
    expect(
      await sql(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [MIGRATION]),
    ).toEqual([]);

    // Once a person has renamed one, it applies, and the database refuses the next clash itself.
    await sql(`UPDATE users SET username = 'alice_2' WHERE id = $1`, [second]);
    expect(
      (await migrate(scratch.toString(), path.resolve("prisma/migrations"))).applied,
    ).toContain(MIGRATION);
    const clash = await failure(addUser("ALICE"));
    expect(clash.message).toContain("users_username_lower_key");
  });
});
