import "server-only";
import { AppError } from "@/lib/platform/errors";
import { withinFailureBounds } from "./failure-bounds";
import { passwordCheckLimiter } from "./limiters";

/** Too many wrong current passwords from one session: it must sign in again. */
export class PasswordChecksSpent extends AppError {
  constructor() {
    super("rate_limited", "Too many wrong current passwords. Sign in again to go on.");
  }
}

// A signed-in member's check of their current password (to change it): whoever holds a stolen
// session cookie could otherwise guess the password without limit, each guess a hash. Per
// session, the sign-in bound (SIGNIN_MAX_FAILURES per SIGNIN_WINDOW_MINUTES), counted as sign-in
// counts (./failure-bounds.ts): only a wrong password keeps its slot. Past it the session ends
// (app/settings/actions.ts), and going on means signing in, under the sign-in bounds. Per session
// rather than per account, so that guesses in a stolen session never lock out the owner's own
// sessions, and an owner who signs in again starts afresh.
export function limitPasswordChecks(
  sessionId: string,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const bound = {
    limiter: passwordCheckLimiter(),
    identity: `session:${sessionId}`,
    refusal: () => new PasswordChecksSpent(),
  };
  return withinFailureBounds([bound], check, { result: (right) => !right });
}
