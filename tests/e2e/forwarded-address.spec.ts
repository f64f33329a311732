import { expect, redis, test } from "./fixtures";

// The rate limits know an anonymous reader by their address. Directly (TRUST_PROXY=0) the app
// ignores X-Forwarded-For; behind nginx (`npm run test:cluster`, TRUST_PROXY=1) nginx replaces it
// with the address it saw. Either way a client that forges the header is still the one client:
// ten searches that each claim another address share one allowance, and the eleventh is refused.
test("a forged X-Forwarded-For does not change who the rate limit counts", async ({
  playwright,
  baseURL,
}) => {
  await redis.connect().catch(() => {}); // already connected in an earlier test of the run
  await redis.del("rl:search:ip:127.0.0.1"); // searches of earlier specs in this minute
  const answers: { status: number; remaining: string | undefined }[] = [];
  for (let i = 1; i <= 11; i++) {
    const client = await playwright.request.newContext({ baseURL }); // no cookies: known by address alone
    const response = await client.get(`/api/search?q=redis`, {
      headers: { "X-Forwarded-For": `203.0.113.${i}` },
    });
    answers.push({
      status: response.status(),
      remaining: response.headers()["x-ratelimit-remaining"],
    });
    await client.dispose();
  }
  expect(answers.slice(0, 10)).toEqual(
    Array.from({ length: 10 }, (_, i) => ({ status: 200, remaining: String(9 - i) })),
  );
  expect(answers[10]).toMatchObject({ status: 429, remaining: "0" });
  expect(await redis.exists("rl:search:ip:127.0.0.1")).toBe(1);
  expect(await redis.exists("rl:search:ip:203.0.113.1")).toBe(0);
});
