import "server-only";
import { AppError } from "@/lib/platform/errors";
import { passwordCheckLimiter } from "./limiters";

/** Too many wrong current passwords from one session: it must sign in again. */
export class PasswordChecksSpent extends AppError {
  constructor() {
    super("rate_limited", "Too many wrong current passwords. Sign in again to go on.");
  }
}

// A signed-in member's check of their current password (to change it). Whoever holds a stolen
// session cookie could otherwise guess the password without limit, each guess a hash. Per
// session, the sign-in bound (SIGNIN_MAX_FAILURES per SIGNIN_WINDOW_MINUTES): past it the session
// ends (app/settings/actions.ts), and going on means signing in, under the sign-in bounds. Per
// session rather than per account, so that guesses in a stolen session never lock out the
// owner's own sessions, and an owner who signs in again starts afresh. Each check takes its
// slot before the hash, so parallel guesses cannot all pass before the first failure counts;
// only a wrong password keeps it.
export async function limitPasswordChecks(
  sessionId: string,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const limiter = passwordCheckLimiter();
  const identity = `session:${sessionId}`;
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
