import "server-only";
import { profileChanged } from "@/lib/blog/invalidation";
import { decoyHash, hashPassword, needsRehash, verifyPassword } from "@/lib/domains/auth/password";
import { type PublicUser, publicUserSelect } from "@/lib/domains/users/queries";
import {
  passwordChangeSchema,
  profileSchema,
  signInSchema,
  signUpSchema,
} from "@/lib/domains/users/schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import { afterWrite } from "@/lib/platform/after-write";
import { db } from "@/lib/platform/db";
import { AppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation";
import { limitUserAction } from "@/lib/rate-limit/actions";
import { limitPasswordChecks } from "@/lib/rate-limit/password-checks";

// Whose turn a password hash takes among the hash slots (lib/domains/auth/hash-slots.ts).
const emailOwner = (email: string) => `email:${email.trim().toLowerCase()}`;

export async function registerUser(input: unknown): Promise<PublicUser> {
  const data = parseOrThrow(signUpSchema, input);
  const passwordHash = await hashPassword(data.password, emailOwner(data.email));
  let user: PublicUser;
  try {
    user = await db.user.create({
      data: { email: data.email, username: data.username, name: data.name, passwordHash },
      select: publicUserSelect,
    });
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
  // Nothing cached says the account does not exist: "not found" is never stored (onlyFound).
  return user;
}

// The sign-up form's registration, which does not tell whether an email already has an account:
// for a taken email nothing is created and the caller shows the same outcome as for a new
// account (the sign-in form, see docs/decisions). The password is hashed either way, so both
// cost the same. A taken username is still reported: usernames are public (profile addresses),
// and it is checked on its own so that the answer never depends on the email.
export async function signUp(input: unknown): Promise<PublicUser | null> {
  try {
    return await registerUser(input);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "conflict" || !error.fields?.email)
      throw error;
    const { username } = parseOrThrow(signUpSchema, input);
    if (await db.user.findUnique({ where: { username }, select: { id: true } }))
      throw usernameTaken();
    return null;
  }
}

const usernameTaken = () =>
  new AppError("conflict", "That username is taken.", { username: "That username is taken." });

function uniqueViolation(error: unknown): AppError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
    return null;
  const target = JSON.stringify(error.meta ?? {});
  if (target.includes("username")) return usernameTaken();
  const message = "An account with this email already exists.";
  return new AppError("conflict", message, { email: message });
}

// One message for a wrong email and a wrong password, and the same work for both: one lookup
// and one scrypt derivation at today's cost (against a decoy hash when there is no account).
// Hashes made at an older, lower cost are still faster to check until their owners sign in again,
// which replaces them.
export async function authenticate(
  input: unknown,
): Promise<{ user: PublicUser; remember: boolean }> {
  const { email, password, remember } = parseOrThrow(signInSchema, input);
  const found = await db.user.findUnique({
    where: { email },
    select: { ...publicUserSelect, passwordHash: true, isActive: true },
  });
  const valid = await verifyPassword(
    password,
    found?.passwordHash ?? decoyHash(),
    emailOwner(email),
  );
  if (!found || !valid || !found.isActive) {
    throw new AppError("unauthorized", "That email and password do not match an account.", {
      password: "That email and password do not match an account.",
    });
  }
  const { passwordHash, isActive: _active, ...user } = found;
  if (needsRehash(passwordHash)) {
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(password, emailOwner(email)) },
    });
  }
  return { user, remember };
}

// A save that changes nothing writes and purges nothing; one that changes only the bio purges only
// the profile page (lib/blog/invalidation/). Saves are bounded per user per hour. The row is
// written only if it still holds what was read, so two saves at once (two tabs) cannot leave a
// name on pages that the purge of the other thought unchanged: the second reads again.
export async function updateProfile(userId: number, input: unknown): Promise<PublicUser> {
  const data = parseOrThrow(profileSchema, input);
  await limitUserAction("profile", userId);
  for (let attempt = 0; ; attempt++) {
    const before = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: publicUserSelect,
    });
    if (before.name === data.name && before.bio === data.bio) return before;
    const { count } = await db.user.updateMany({
      where: { id: userId, name: before.name, bio: before.bio },
      data,
    });
    if (count === 0 && attempt < 3) continue;
    if (count === 0) throw new AppError("conflict", "Your profile changed meanwhile. Save again.");
    const user = { ...before, ...data };
    const nameChanged = before.name !== user.name;
    await afterWrite(`profile of user ${user.id} edited`, () =>
      profileChanged(user, { nameChanged }),
    );
    return user;
  }
}

/** `sessionId`: the session asking, whose wrong current passwords are bounded. */
export async function changePassword(
  userId: number,
  input: unknown,
  sessionId: string,
): Promise<void> {
  const data = parseOrThrow(passwordChangeSchema, input);
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  const owner = `user:${userId}`;
  const right = await limitPasswordChecks(sessionId, () =>
    verifyPassword(data.currentPassword, passwordHash, owner),
  );
  if (!right) {
    throw new AppError("validation_failed", "Your current password is not right.", {
      currentPassword: "This is not your current password.",
    });
  }
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(data.newPassword, owner) },
  });
}
