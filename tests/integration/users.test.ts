import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticate, changePassword, registerUser, updateProfile } from "@/lib/users/mutations";
import { getProfile } from "@/lib/users/queries";
import { caught } from "../helpers/errors";
import { deleteUsers, makeUser, PASSWORD, unique } from "../helpers/factories";

const created: number[] = [];
afterAll(() => deleteUsers(...created));

describe("users", () => {
  it("registers a user with a hashed password and lower-cased email", async () => {
    const username = unique("Reg");
    const user = await registerUser({ email: `${username}@Test.Example`, username, name: " Reg ", password: PASSWORD });
    created.push(user.id);
    expect(user).toMatchObject({ email: `${username.toLowerCase()}@test.example`, name: "Reg", role: "USER" });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
  });

  it("refuses a taken username or email with a 409 naming the field", async () => {
    const user = await makeUser();
    created.push(user.id);
    const byEmail = await caught(registerUser({ email: user.email, username: unique("x"), name: "X", password: PASSWORD }));
    expect([byEmail.status, Object.keys(byEmail.fields!)]).toEqual([409, ["email"]]);
    const byName = await caught(registerUser({ email: `${unique("x")}@t.example`, username: user.username, name: "X", password: PASSWORD }));
    expect([byName.status, Object.keys(byName.fields!)]).toEqual([409, ["username"]]);
  });

  it("explains every invalid field and writes nothing", async () => {
    const before = await db.user.count();
    const error = await caught(registerUser({ email: "not-an-email", username: "a b", name: "", password: "short" }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields!).sort()).toEqual(["email", "name", "password", "username"]);
    expect(await db.user.count()).toBe(before);
  });

  it("authenticates with the right password only, with one message for both failures", async () => {
    const user = await makeUser();
    created.push(user.id);
    expect((await authenticate({ email: user.email, password: PASSWORD })).user.id).toBe(user.id);
    const wrong = await caught(authenticate({ email: user.email, password: "wrong password" }));
    const unknown = await caught(authenticate({ email: "nobody@test.example", password: "wrong password" }));
    expect(wrong.status).toBe(401);
    expect(wrong.message).toBe(unknown.message);
  });

  it("forgets a cached 'no such user' for a profile address when the account is created", async () => {
    const username = unique("late");
    expect(await getProfile(username.toLowerCase())).toBeNull();
    const user = await registerUser({ email: `${username}@test.example`, username, name: "Late", password: PASSWORD });
    created.push(user.id);
    expect((await getProfile(username.toLowerCase()))?.id).toBe(user.id);
  });

  it("refuses a deactivated account", async () => {
    const user = await makeUser();
    created.push(user.id);
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect((await caught(authenticate({ email: user.email, password: PASSWORD }))).status).toBe(401);
  });

  it("updates the profile and changes the password after checking the current one", async () => {
    const user = await makeUser();
    created.push(user.id);
    expect(await updateProfile(user.id, { name: "New Name", bio: "Hello" })).toMatchObject({ name: "New Name", bio: "Hello" });
    const bad = await caught(changePassword(user.id, { currentPassword: "nope", newPassword: "another pass", confirmPassword: "another pass" }));
    expect(bad.fields).toHaveProperty("currentPassword");
    const mismatch = await caught(changePassword(user.id, { currentPassword: PASSWORD, newPassword: "another pass", confirmPassword: "other" }));
    expect(mismatch.fields).toHaveProperty("confirmPassword");
    await changePassword(user.id, { currentPassword: PASSWORD, newPassword: "another pass", confirmPassword: "another pass" });
    expect((await authenticate({ email: user.email, password: "another pass" })).user.id).toBe(user.id);
  });
});
