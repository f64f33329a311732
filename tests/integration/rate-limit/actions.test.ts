// Server actions that write are limited per signed-in user, and sign-ups per address, with the
// app's own policies on the test Redis.
import { randomInt } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/platform/env";
import type { AppError } from "@/lib/platform/errors";
import { redis } from "@/lib/platform/redis";
import { limitSignUp, limitUserAction } from "@/lib/rate-limit/actions";

const userId = 2_000_000_000 + randomInt(100_000_000); // no real user, no other test's count
const address = `198.18.${randomInt(256)}.${randomInt(256)}`;
const otherAddress = address.replace("198.18.", "198.19.");
const used: string[] = [];

afterAll(async () => {
  await Promise.all(used.map((key) => redis().unlink(key))); // keys of many slots on a Cluster
});

async function refusal(promise: Promise<void>): Promise<AppError | null> {
  return promise.then(
    () => null,
    (error: AppError) => error,
  );
}

describe("server action limits", () => {
  it.each([
    ["post", () => env().RATE_LIMIT_POSTS_PER_HOUR],
    ["comment", () => env().RATE_LIMIT_COMMENTS_PER_HOUR],
    ["follow", () => env().RATE_LIMIT_FOLLOWS_PER_HOUR],
    ["profile", () => env().RATE_LIMIT_PROFILE_SAVES_PER_HOUR],
  ] as const)(
    "%s: the hourly limit per user, then a 429 that says when to come back",
    async (action, limit) => {
      used.push(`rl:${action}:user:${userId}`);
      for (let i = 0; i < limit(); i++)
        expect(await refusal(limitUserAction(action, userId))).toBeNull();
      const refused = await refusal(limitUserAction(action, userId));
      expect(refused?.status).toBe(429);
      expect(refused?.message).toMatch(
        new RegExp(
          `^Too many requests: the limit is ${limit()} per hour\\. Try again in (60 minutes|59 minutes)\\.$`,
        ),
      );
      // Another user is not affected.
      expect(await refusal(limitUserAction(action, userId + 1))).toBeNull();
      used.push(`rl:${action}:user:${userId + 1}`);
    },
  );

  it("sign-up: the hourly limit per address", async () => {
    used.push(`rl:signup:ip:${address}`, `rl:signup:ip:${otherAddress}`);
    const from = (a: string) => new Headers({ "x-forwarded-for": a });
    for (let i = 0; i < env().RATE_LIMIT_SIGNUPS_PER_HOUR; i++)
      expect(await refusal(limitSignUp(from(address)))).toBeNull();
    expect((await refusal(limitSignUp(from(address))))?.code).toBe("rate_limited");
    expect(await refusal(limitSignUp(from(otherAddress)))).toBeNull();
    expect(await redis().exists(`rl:signup:ip:${otherAddress}`)).toBe(1);
  });
});
