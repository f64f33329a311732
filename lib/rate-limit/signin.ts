import "server-only";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { describeWait, retryAfterSeconds } from "./headers";
import type { RateLimiter } from "./limiter";
import { appSettings, signinLimiter } from "./limiters";

// One count per account and address: someone guessing from elsewhere cannot lock the owner out,
// and a shared address (an office, a phone network) does not lock out everyone behind it. The
// email is URI-encoded so that no email can contain the ":" before the address.
export function signinIdentity(email: string, address: string): string {
  return `${encodeURIComponent(email.trim().toLowerCase().slice(0, 254))}:${address}`;
}

const isWrongPassword = (error: unknown) => error instanceof AppError && error.code === "unauthorized";

// Runs a sign-in attempt under the failure limit. Every attempt takes a slot before the password
// is checked, so parallel guesses cannot all pass before the first failure is counted; only a
// wrong email or password keeps it. A success gives back its own slot and nothing else: failures
// counted before it stay counted. Over the limit, even the right password is refused.
export async function limitSignInAttempts<T>(
  email: string,
  headers: Headers,
  attempt: () => Promise<T>,
  limiter: RateLimiter = signinLimiter(),
): Promise<T> {
  const identity = signinIdentity(email, clientAddress(headers, appSettings().TRUST_PROXY));
  const decision = await limiter.hit(identity);
  if (!decision.allowed) {
    const message = `Too many failed sign-in attempts for this email address. Try again in ${describeWait(retryAfterSeconds(decision))}.`;
    throw new AppError("rate_limited", message, { email: message });
  }
  try {
    const result = await attempt();
    await limiter.undo(identity, decision);
    return result;
  } catch (error) {
    if (!isWrongPassword(error)) await limiter.undo(identity, decision);
    throw error;
  }
}
