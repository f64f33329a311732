import "server-only";
import { AppError } from "@/lib/platform/errors";
import { clientAddress } from "../http/client-address";
import { type FailureBound, withinFailureBounds } from "./failure-bounds";
import type { RateLimiter } from "./limiter";
import { appSettings, signinAccountLimiter, signinAddressLimiter, signinLimiter } from "./limiters";

// One count per account and address: someone guessing from elsewhere cannot lock the owner out,
// and a shared address (an office, a phone network) does not lock out everyone behind it. The
// email is URI-encoded so that no email can contain the ":" before the address.
export function signinIdentity(email: string, address: string): string {
  return `${encodeURIComponent(emailForKey(email))}:${address}`;
}

// At most 254 characters, cut between code points: half of a surrogate pair, whether cut by a
// slice or sent alone, makes encodeURIComponent throw a URIError (a 500 on the sign-in form).
// The first 508 UTF-16 units always hold 254 code points; a pair cut there is dropped too.
function emailForKey(email: string): string {
  const wellFormed = email
    .trim()
    .toLowerCase()
    .slice(0, 508)
    .replace(/\p{Surrogate}/gu, "\uFFFD");
  return Array.from(wellFormed).slice(0, 254).join("");
}

const isWrongPassword = (error: unknown) =>
  error instanceof AppError && error.code === "unauthorized";

export type SignInLimiters = {
  byAddress: RateLimiter;
  byNetwork: RateLimiter;
  byAccount: RateLimiter;
};

const tooManyForEmail = (wait: string) => {
  const message = `Too many failed sign-in attempts for this email address. Try again in ${wait}.`;
  return new AppError("rate_limited", message, { email: message });
};
const tooManyFromAddress = (wait: string) =>
  new AppError(
    "rate_limited",
    `Too many failed sign-in attempts from your network. Try again in ${wait}.`,
  );

// Runs a sign-in attempt under three bounds on failures:
// - per account and address (SIGNIN_MAX_FAILURES a window): guessing here does not lock out the
//   owner elsewhere, nor everyone behind a shared address;
// - per address across all emails (SIGNIN_ADDRESS_MAX_FAILURES): one address cannot try a
//   password against every account, each try costing a password hash;
// - per account from anywhere, as a backoff (backoff.ts): forged addresses cannot escape it, and
//   the owner waits at most a minute, never a whole window.
// Counted as ./failure-bounds.ts says: only a wrong email or password keeps its slots, and over a
// bound even the right password is refused. All bounds apply to any email, with or
// without an account, so a refusal says nothing about which accounts exist.
export async function limitSignInAttempts<T>(
  email: string,
  headers: Headers,
  attempt: () => Promise<T>,
  limiters: SignInLimiters = {
    byAddress: signinLimiter(),
    byNetwork: signinAddressLimiter(),
    byAccount: signinAccountLimiter(),
  },
): Promise<T> {
  const address = clientAddress(headers, appSettings().TRUST_PROXY);
  const checks: FailureBound[] = [
    {
      limiter: limiters.byAddress,
      identity: signinIdentity(email, address),
      refusal: tooManyForEmail,
    },
    { limiter: limiters.byNetwork, identity: address, refusal: tooManyFromAddress },
    {
      limiter: limiters.byAccount,
      identity: signinIdentity(email, "any"),
      refusal: tooManyForEmail,
    },
  ];
  return withinFailureBounds(checks, attempt, { error: isWrongPassword });
}
