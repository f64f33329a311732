// Sign-in attempts: failures per account and address, per address across emails, and a backoff
// per account; one script per bound and attempt.
import { describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/domains/users/mutations";
import { AppError } from "@/lib/platform/errors";
import { createBackoffLimiter } from "@/lib/rate-limit/backoff";
import type { BackoffPolicy, RateLimitPolicy } from "@/lib/rate-limit/policy";
import { limitSignInAttempts, signinIdentity } from "@/lib/rate-limit/signin";
import { PASSWORD, userForFile } from "../../helpers/factories";
import { limiterOn, prefixPerTest, recordingLogger, times } from "./helpers";

const { redis, prefix } = prefixPerTest();
const policy = (limit: number): RateLimitPolicy => ({
  name: "signin",
  algorithm: "sliding-log",
  limit,
  windowMs: 15 * 60_000,
});
const from = (address: string) => new Headers({ "x-forwarded-for": address });
// A long first delay, so that no test depends on how fast it runs: "later" is made by hand.
const backoff = (free: number, baseDelayMs = 10 * 60_000): BackoffPolicy => ({
  name: "signin-account",
  algorithm: "backoff",
  limit: free,
  windowMs: 15 * 60_000,
  baseDelayMs,
  maxDelayMs: 4 * baseDelayMs,
});
const limitersOf = (limit: number, { network = 1000, free = 1000 } = {}) => ({
  byAddress: limiterOn(redis, policy(limit), prefix),
  byNetwork: limiterOn(redis, { ...policy(network), name: "signin-address" }, prefix),
  byAccount: createBackoffLimiter(backoff(free), {
    redis: () => redis,
    logger: recordingLogger(),
    keyPrefix: prefix,
  }),
});
const backoffKey = (email: string) => `${prefix}:signin-account:${signinIdentity(email, "any")}`;

const user = userForFile();

async function caughtError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "signed in",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

function signIn(
  password: string,
  address: string,
  limit = 5,
  email = user.email,
  limiters = limitersOf(limit),
) {
  return limitSignInAttempts(
    email,
    from(address),
    () => authenticate({ email, password }),
    limiters,
  );
}

describe("sign-in attempts", () => {
  it("let exactly 10 of 100 parallel guesses reach the password check", async () => {
    const limiters = limitersOf(10);
    const check = vi.fn(async () => {
      throw new AppError("unauthorized", "That email and password do not match an account.");
    });
    const results = await Promise.all(
      times(100, () =>
        outcome(limitSignInAttempts("victim@test.example", from("203.0.113.5"), check, limiters)),
      ),
    );
    expect(check).toHaveBeenCalledTimes(10);
    expect(results.filter((r) => r === "unauthorized")).toHaveLength(10);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(90);
  });

  it("refuse the 6th attempt after 5 failures even with the right password, with a message for the email field", async () => {
    for (let i = 0; i < 5; i++)
      expect(await outcome(signIn("wrong password", "198.51.100.20"))).toBe("unauthorized");
    const refused = await signIn(PASSWORD, "198.51.100.20").then(
      () => null,
      (e: AppError) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused!.code).toBe("rate_limited");
    expect(refused!.status).toBe(429);
    expect(refused!.fields?.email).toMatch(
      /^Too many failed sign-in attempts for this email address\. Try again in 15 minutes\.$/,
    );
    // Per account and address: the owner elsewhere is not locked out by someone guessing here.
    expect(await outcome(signIn(PASSWORD, "192.0.2.44"))).toBe("signed in");
  });

  it("bound guesses at one account from any address with a backoff, not a lockout", async () => {
    const limiters = limitersOf(5, { free: 5 });
    const results = [];
    for (let i = 0; i < 10; i++)
      results.push(
        await outcome(signIn("wrong password", `198.51.100.${i + 1}`, 5, user.email, limiters)),
      );
    // 5 free failures, a 6th that starts the backoff, then refusals until the delay has passed.
    expect(results).toEqual([...Array(6).fill("unauthorized"), ...Array(4).fill("rate_limited")]);
    const refused = await caughtError(signIn(PASSWORD, "192.0.2.1", 5, user.email, limiters));
    expect(refused.fields?.email).toBe(
      "Too many failed sign-in attempts for this email address. Try again in 10 minutes.",
    );

    // The delay has passed: one more guess is let through, and the next delay is twice as long.
    await redis.hset(backoffKey(user.email), "next", 0);
    expect(await outcome(signIn("wrong password", "198.51.100.50", 5, user.email, limiters))).toBe(
      "unauthorized",
    );
    expect(
      (await caughtError(signIn(PASSWORD, "192.0.2.1", 5, user.email, limiters))).fields?.email,
    ).toMatch(/Try again in 20 minutes\.$/);

    // ...up to the cap (here four times the first delay), which is the longest the owner waits.
    for (let i = 0; i < 3; i++) {
      await redis.hset(backoffKey(user.email), "next", 0);
      await outcome(signIn("wrong password", "198.51.100.51", 5, user.email, limiters));
    }
    expect(
      (await caughtError(signIn(PASSWORD, "192.0.2.1", 5, user.email, limiters))).fields?.email,
    ).toMatch(/Try again in 40 minutes\.$/);
    await redis.hset(backoffKey(user.email), "next", 0);
    expect(await outcome(signIn(PASSWORD, "192.0.2.1", 5, user.email, limiters))).toBe("signed in");
  });

  it("bound failures from one address across all emails, whether or not they have accounts", async () => {
    const limiters = limitersOf(5, { network: 3 });
    const emails = [user.email, "nobody-1@test.example", "nobody-2@test.example"];
    for (const email of emails)
      expect(await outcome(signIn("wrong password", "203.0.113.9", 5, email, limiters))).toBe(
        "unauthorized",
      );
    for (const email of [...emails, "nobody-3@test.example"]) {
      const refused = await caughtError(signIn(PASSWORD, "203.0.113.9", 5, email, limiters));
      expect(refused.code).toBe("rate_limited");
      expect(refused.message).toBe(
        "Too many failed sign-in attempts from your network. Try again in 15 minutes.",
      );
    }
    // Another address is not affected, and a refusal took no slot in the other bounds.
    expect(await outcome(signIn(PASSWORD, "203.0.113.10", 5, user.email, limiters))).toBe(
      "signed in",
    );
    expect(await redis.hget(backoffKey("nobody-3@test.example"), "failures")).toBeNull();
  });

  it("count only wrong credentials; a success gives back its own slot and resets nothing", async () => {
    for (let i = 0; i < 4; i++) await outcome(signIn("wrong password", "198.51.100.21"));
    expect(await outcome(signIn(PASSWORD, "198.51.100.21"))).toBe("signed in");
    expect(await outcome(signIn("", "198.51.100.21"))).toBe("validation_failed");
    // The four failures still count: one more failure, then the door closes.
    expect(await outcome(signIn("wrong password", "198.51.100.21"))).toBe("unauthorized");
    expect(await outcome(signIn(PASSWORD, "198.51.100.21"))).toBe("rate_limited");
  });

  it("treat an email however it is typed as one account, under a key that expires with the window", async () => {
    await outcome(signIn("wrong password", "198.51.100.22", 5, `  ${user.email.toUpperCase()} `));
    const key = `${prefix}:signin:${signinIdentity(user.email, "198.51.100.22")}`;
    expect(key).toBe(`${prefix}:signin:${encodeURIComponent(user.email)}:198.51.100.22`);
    expect(await redis.zcard(key)).toBe(1);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
  });

  it("answers a wrong-credentials error, not a crash, for an email cut through a surrogate pair or holding half of one", async () => {
    const cutAt254 = `${"a".repeat(253)}\u{1F600}@test.example`; // the emoji's two halves are units 254 and 255
    const loneHalf = "\uD83Dx@test.example";
    for (const email of [cutAt254, loneHalf, "\uDE00".repeat(600)]) {
      expect(await outcome(signIn("wrong password", "198.51.100.30", 5, email))).toBe(
        "unauthorized",
      );
    }
    // Cut by characters: the emoji is the 254th and stays whole.
    expect(signinIdentity(cutAt254, "a")).toBe(`${"a".repeat(253)}%F0%9F%98%80:a`);
  });

  it("cannot be aimed at someone else's count by putting a ':' in the email", () => {
    // Someone at db8::1 typing "v@x.io:2001" must not fill the count of v@x.io at 2001:db8::1.
    expect(signinIdentity("v@x.io:2001", "db8::1")).not.toBe(
      signinIdentity("v@x.io", "2001:db8::1"),
    );
  });
});
