import { scryptSync } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  authenticate,
  changePassword,
  registerUser,
  signUp,
  updateProfile,
} from "@/lib/domains/users/mutations";
import { getProfile } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { caught } from "../helpers/errors";
import { deleteUsers, makeUser, PASSWORD, unique } from "../helpers/factories";

const created: number[] = [];
afterAll(() => deleteUsers(...created));

describe("users", () => {
  it("registers a user with a hashed password and lower-cased email", async () => {
    const username = unique("Reg");
    const user = await registerUser({
      email: `${username}@Test.Example`,
      username,
      name: " Reg ",
      password: PASSWORD,
    });
    created.push(user.id);
    expect(user).toMatchObject({
      email: `${username.toLowerCase()}@test.example`,
      name: "Reg",
      role: "USER",
    });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
  });

  it("refuses a taken username or email with a 409 naming the field", async () => {
    const user = await makeUser();
    created.push(user.id);
    const byEmail = await caught(
      registerUser({ email: user.email, username: unique("x"), name: "X", password: PASSWORD }),
    );
    expect([byEmail.status, Object.keys(byEmail.fields!)]).toEqual([409, ["email"]]);
    const byName = await caught(
      registerUser({
        email: `${unique("x")}@t.example`,
        username: user.username,
        name: "X",
        password: PASSWORD,
      }),
    );
    expect([byName.status, Object.keys(byName.fields!)]).toEqual([409, ["username"]]);
  });

  it("sign-up: an email that has an account creates nothing and answers like a new one; a taken username is said", async () => {
    const user = await makeUser();
    created.push(user.id);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(
      await signUp({
        email: user.email.toUpperCase(),
        username: unique("x"),
        name: "X",
        password: "another password",
      }),
    ).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
    // A taken username gets the same answer whether or not the email has an account.
    for (const email of [user.email, `${unique("free")}@t.example`]) {
      const taken = await caught(
        signUp({ email, username: user.username, name: "X", password: PASSWORD }),
      );
      expect([taken.status, taken.fields]).toEqual([409, { username: "That username is taken." }]);
    }
    const fresh = await signUp({
      email: `${unique("new")}@t.example`,
      username: unique("new"),
      name: "New",
      password: PASSWORD,
    });
    created.push(fresh!.id);
    expect(fresh).toMatchObject({ name: "New" });
  });

  it("rehashes a password stored at a lower cost when its owner signs in", async () => {
    const user = await makeUser();
    created.push(user.id);
    const salt = Buffer.from("0123456789abcdef");
    const weak = [
      "scrypt",
      1024,
      8,
      1,
      salt.toString("base64"),
      scryptSync(PASSWORD, salt, 64, { N: 1024, r: 8, p: 1 }).toString("base64"),
    ].join("$");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: weak } });
    await caught(authenticate({ email: user.email, password: "wrong password" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(weak);
    await authenticate({ email: user.email, password: PASSWORD });
    const rehashed = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(rehashed).toMatch(
      new RegExp(`^scrypt\\$${2 ** Number(process.env.PASSWORD_SCRYPT_LOG2_N)}\\$8\\$1\\$`),
    );
    expect((await authenticate({ email: user.email, password: PASSWORD })).user.id).toBe(user.id);
  });

  it("explains every invalid field and writes nothing", async () => {
    const before = await db.user.count();
    const error = await caught(
      registerUser({ email: "not-an-email", username: "a b", name: "", password: "short" }),
    );
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields!).sort()).toEqual(["email", "name", "password", "username"]);
    expect(await db.user.count()).toBe(before);
  });

  it("authenticates with the right password only, with one message for both failures", async () => {
    const user = await makeUser();
    created.push(user.id);
    expect((await authenticate({ email: user.email, password: PASSWORD })).user.id).toBe(user.id);
    const wrong = await caught(authenticate({ email: user.email, password: "wrong password" }));
    const unknown = await caught(
      authenticate({ email: "nobody@test.example", password: "wrong password" }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.message).toBe(unknown.message);
  });

  it("forgets a cached 'no such user' for a profile address when the account is created", async () => {
    const username = unique("late");
    expect(await getProfile(username.toLowerCase())).toBeNull();
    const user = await registerUser({
      email: `${username}@test.example`,
      username,
      name: "Late",
      password: PASSWORD,
    });
    created.push(user.id);
    expect((await getProfile(username.toLowerCase()))?.id).toBe(user.id);
  });

  it("refuses a deactivated account", async () => {
    const user = await makeUser();
    created.push(user.id);
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect((await caught(authenticate({ email: user.email, password: PASSWORD }))).status).toBe(
      401,
    );
  });

  it("a profile save that changes nothing writes nothing (and so purges nothing)", async () => {
    const user = await makeUser();
    created.push(user.id);
    await updateProfile(user.id, { name: "Same Name", bio: "Same bio" });
    const updatedAt = async () =>
      (await db.user.findUniqueOrThrow({ where: { id: user.id } })).updatedAt.getTime();
    const before = await updatedAt();
    expect(await updateProfile(user.id, { name: " Same Name ", bio: "Same bio" })).toMatchObject({
      name: "Same Name",
      bio: "Same bio",
    });
    expect(await updatedAt()).toBe(before);
  });

  it("updates the profile and changes the password after checking the current one", async () => {
    const user = await makeUser();
    created.push(user.id);
    expect(await updateProfile(user.id, { name: "New Name", bio: "Hello" })).toMatchObject({
      name: "New Name",
      bio: "Hello",
    });
    const bad = await caught(
      changePassword(
        user.id,
        {
          currentPassword: "nope",
          newPassword: "another pass",
          confirmPassword: "another pass",
        },
        "a-session",
      ),
    );
    expect(bad.fields).toHaveProperty("currentPassword");
    const mismatch = await caught(
      changePassword(
        user.id,
        {
          currentPassword: PASSWORD,
          newPassword: "another pass",
          confirmPassword: "other",
        },
        "a-session",
      ),
    );
    expect(mismatch.fields).toHaveProperty("confirmPassword");
    await changePassword(
      user.id,
      {
        currentPassword: PASSWORD,
        newPassword: "another pass",
        confirmPassword: "another pass",
      },
      "a-session",
    );
    expect((await authenticate({ email: user.email, password: "another pass" })).user.id).toBe(
      user.id,
    );
  });
});
