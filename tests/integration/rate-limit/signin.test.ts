// Sign-in attempts: failures per account and address, one sliding-log script per attempt.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";
import { limitSignInAttempts, signinIdentity } from "@/lib/rate-limit/signin";
import { authenticate } from "@/lib/users/mutations";
import type { PublicUser } from "@/lib/users/queries";
import { deleteUsers, makeUser, PASSWORD } from "../../helpers/factories";
import { deleteNamespace, limiterOn, testPrefix, testRedis, times } from "./helpers";

const redis = testRedis();
const prefix = testPrefix();
const policy = (limit: number): RateLimitPolicy => ({ name: "signin", algorithm: "sliding-log", limit, windowMs: 15 * 60_000 });
const from = (address: string) => new Headers({ "x-forwarded-for": address });
const accountPolicy = (limit: number): RateLimitPolicy => ({ ...policy(limit), name: "signin-account" });
const limitersOf = (limit: number, accountLimit = limit * 4) => ({
  byAddress: limiterOn(redis, policy(limit), prefix),
  byAccount: limiterOn(redis, accountPolicy(accountLimit), prefix),
});

let user: PublicUser;
beforeAll(async () => {
  user = await makeUser();
});
afterEach(() => deleteNamespace(redis, prefix));
afterAll(async () => {
  await deleteUsers(user.id);
  await redis.quit();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "signed in",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

function signIn(password: string, address: string, limit = 5, email = user.email) {
  return limitSignInAttempts(email, from(address), () => authenticate({ email, password }), limitersOf(limit));
}

describe("sign-in attempts", () => {
  it("let exactly 10 of 100 parallel guesses reach the password check", async () => {
    const limiters = limitersOf(10);
    const check = vi.fn(async () => {
      throw new AppError("unauthorized", "That email and password do not match an account.");
    });
    const results = await Promise.all(times(100, () => outcome(limitSignInAttempts("victim@test.example", from("203.0.113.5"), check, limiters))));
    expect(check).toHaveBeenCalledTimes(10);
    expect(results.filter((r) => r === "unauthorized")).toHaveLength(10);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(90);
  });

  it("refuse the 6th attempt after 5 failures even with the right password, with a message for the email field", async () => {
    for (let i = 0; i < 5; i++) expect(await outcome(signIn("wrong password", "198.51.100.20"))).toBe("unauthorized");
    const refused = await signIn(PASSWORD, "198.51.100.20").then(() => null, (e: AppError) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused!.code).toBe("rate_limited");
    expect(refused!.status).toBe(429);
    expect(refused!.fields?.email).toMatch(/^Too many failed sign-in attempts for this email address\. Try again in 15 minutes\.$/);
    // Per account and address: the owner elsewhere is not locked out by someone guessing here.
    expect(await outcome(signIn(PASSWORD, "192.0.2.44"))).toBe("signed in");
  });

  it("bound guesses at one account even when every guess claims another address", async () => {
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await outcome(signIn("wrong password", `198.51.100.${i + 1}`)));
    expect(results.filter((r) => r === "unauthorized")).toHaveLength(20);
    expect(results.slice(20)).toEqual(Array(5).fill("rate_limited"));
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
      expect(await outcome(signIn("wrong password", "198.51.100.30", 5, email))).toBe("unauthorized");
    }
    // Cut by characters: the emoji is the 254th and stays whole.
    expect(signinIdentity(cutAt254, "a")).toBe(`${"a".repeat(253)}%F0%9F%98%80:a`);
  });

  it("cannot be aimed at someone else's count by putting a ':' in the email", () => {
    // Someone at db8::1 typing "v@x.io:2001" must not fill the count of v@x.io at 2001:db8::1.
    expect(signinIdentity("v@x.io:2001", "db8::1")).not.toBe(signinIdentity("v@x.io", "2001:db8::1"));
  });
});
