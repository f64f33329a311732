import "server-only";
import { AppError } from "@/lib/platform/errors";
import { passwordCheckLimiter } from "./limiters";

/** Too many wrong current passwords from one account: its session must sign in again. */
export class PasswordChecksSpent extends AppError {
  constructor() {
    super("rate_limited", "Too many wrong current passwords. Sign in again to go on.");
  }
}

// A signed-in member's check of their current password (to change it). Whoever holds a stolen
// session cookie could otherwise guess the password without limit, each guess a hash. Per
// account, the sign-in bound (SIGNIN_MAX_FAILURES per SIGNIN_WINDOW_MINUTES). Each check takes
// its slot before the hash, so parallel guesses cannot all pass before the first failure counts;
// only a wrong password keeps it.
export async function limitPasswordChecks(
  userId: number,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const limiter = passwordCheckLimiter();
  const identity = `user:${userId}`;
  const decision = await limiter.hit(identity);
  if (!decision.allowed) throw new PasswordChecksSpent();
  let right: boolean;
  try {
    right = await check();
  } catch (error) {
    await limiter.undo(identity, decision);
    throw error;
  }
  if (right) await limiter.undo(identity, decision);
  return right;
}
