// A signed-in member's current-password checks (changing the password) are bounded per session,
// as sign-ins are: a stolen session cannot guess the password without limit, and its guesses
// never lock out the owner's other sessions. Against the app's own limiter on the test Redis,
// with SIGNIN_MAX_FAILURES at its default of 5.
import { afterAll, describe, expect, it } from "vitest";
import { authenticate, changePassword } from "@/lib/domains/users/mutations";
import { AppError } from "@/lib/platform/errors";
import { PasswordChecksSpent } from "@/lib/rate-limit/password-checks";
import { caught } from "../../helpers/errors";
import { deleteUsers, makeUser, PASSWORD } from "../../helpers/factories";

const created: number[] = [];
afterAll(() => deleteUsers(...created));

async function member() {
  const user = await makeUser();
  created.push(user.id);
  return user;
}
const attempt = (
  userId: number,
  currentPassword: string,
  newPassword = "a new password",
  session = `session-of-${userId}`,
) =>
  changePassword(userId, { currentPassword, newPassword, confirmPassword: newPassword }, session);
const isWrong = (error: unknown) =>
  error instanceof AppError &&
  !(error instanceof PasswordChecksSpent) &&
  "currentPassword" in (error.fields ?? {});

describe("current-password checks", () => {
  it("after five wrong ones, even the right password is refused, and nothing changes", async () => {
    const user = await member();
    for (let i = 0; i < 5; i++)
      expect(isWrong(await caught(attempt(user.id, `guess ${i}`)))).toBe(true);
    expect(await caught(attempt(user.id, PASSWORD))).toBeInstanceOf(PasswordChecksSpent);
    expect((await authenticate({ email: user.email, password: PASSWORD })).user.id).toBe(user.id);
  });

  it("spends only the guessing session's checks: another session of the owner changes the password", async () => {
    const user = await member();
    for (let i = 0; i < 5; i++)
      await caught(attempt(user.id, `stolen ${i}`, "x-new-pass", "stolen"));
    expect(await caught(attempt(user.id, PASSWORD, "x-new-pass", "stolen"))).toBeInstanceOf(
      PasswordChecksSpent,
    );
    await attempt(user.id, PASSWORD, "the owner's new password", "owner's");
    expect(
      (await authenticate({ email: user.email, password: "the owner's new password" })).user.id,
    ).toBe(user.id);
  });

  it("a right password gives its check back: an owner who mistypes now and then is not refused", async () => {
    const user = await member();
    for (let i = 0; i < 4; i++) await caught(attempt(user.id, `typo ${i}`));
    await attempt(user.id, PASSWORD, "second password");
    expect(isWrong(await caught(attempt(user.id, "one more typo")))).toBe(true);
    expect(await caught(attempt(user.id, "and another"))).toBeInstanceOf(PasswordChecksSpent);
  });

  it("guesses sent at once cannot all be checked before the first failure counts", async () => {
    const user = await member();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => caught(attempt(user.id, `parallel ${i}`))),
    );
    const spent = outcomes.filter((error) => error instanceof PasswordChecksSpent).length;
    const wrong = outcomes.filter(isWrong).length;
    expect(spent).toBe(3);
    expect(wrong).toBeGreaterThanOrEqual(1);
    expect(wrong).toBeLessThanOrEqual(5);
    // The rest were turned away by the hash slots' line for one account, before any hash.
    expect(outcomes.every((error) => error.code === "rate_limited" || isWrong(error))).toBe(true);
  });
});
