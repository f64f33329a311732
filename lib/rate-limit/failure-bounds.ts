import type { AppError } from "@/lib/platform/errors";
import { describeWait, retryAfterSeconds } from "./headers";
import type { RateLimiter } from "./limiter";
import type { Decision } from "./policy";

/** One bound on failures: its limiter, whose count, and the error a refusal throws. */
export type FailureBound = {
  limiter: RateLimiter;
  identity: string;
  refusal: (wait: string) => AppError;
};

/** Which outcomes of the attempt are failures, kept in the count; anything else is given back. */
export type Failure<T> = { result?: (value: T) => boolean; error?: (error: unknown) => boolean };

// Runs an attempt that costs a password hash under bounds on its failures (sign-in, the current
// password in Settings). Every attempt takes a slot in each bound before it runs, so attempts
// sent at once cannot all pass before the first failure is counted; over a bound it is refused
// without running. Only a failure keeps its slots: a success, or an error that is not a failure,
// gives them back, and failures counted before stay counted.
export async function withinFailureBounds<T>(
  bounds: FailureBound[],
  attempt: () => Promise<T>,
  failure: Failure<T>,
): Promise<T> {
  const taken: { limiter: RateLimiter; identity: string; decision: Decision }[] = [];
  const giveBack = () =>
    Promise.all(taken.map(({ limiter, identity, decision }) => limiter.undo(identity, decision)));
  for (const { limiter, identity, refusal } of bounds) {
    const decision = await limiter.hit(identity);
    if (!decision.allowed) {
      await giveBack();
      throw refusal(describeWait(retryAfterSeconds(decision)));
    }
    taken.push({ limiter, identity, decision });
  }
  let value: T;
  try {
    value = await attempt();
  } catch (error) {
    if (!failure.error?.(error)) await giveBack();
    throw error;
  }
  if (!failure.result?.(value)) await giveBack();
  return value;
}
