import "server-only";
import { AppError } from "@/lib/platform/errors";
import { clientAddress } from "../http/client-address";
import { rateLimitMessage } from "./headers";
import { actionLimiter, appSettings } from "./limiters";

export type LimitedAction = "post" | "comment" | "follow" | "profile" | "signup";

// Server actions that write: one sliding-log hit per call, refused with a 429-coded AppError the
// form shows as its message. Writers are counted as `user:<id>`; sign-ups, which have no user yet,
// by address.
async function limitAction(action: LimitedAction, identity: string): Promise<void> {
  const limiter = actionLimiter(action);
  const decision = await limiter.hit(identity);
  if (!decision.allowed)
    throw new AppError("rate_limited", rateLimitMessage(limiter.policy, decision));
}

export const limitUserAction = (action: Exclude<LimitedAction, "signup">, userId: number) =>
  limitAction(action, `user:${userId}`);

export const limitSignUp = (headers: Headers) =>
  limitAction("signup", `ip:${clientAddress(headers, appSettings().TRUST_PROXY)}`);
