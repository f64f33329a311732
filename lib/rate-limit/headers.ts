import { json } from "@/lib/http/api";
import type { Decision, RateLimitPolicy } from "./policy";

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

// The draft's fields follow draft-ietf-httpapi-ratelimit-headers-10 (September 2025), sections 3
// and 4: Structured Field lists of items naming the policy, with q (quota) and w (window, whole
// seconds) for the policy, r (remaining) and t (seconds until more quota) for the current state:
//   RateLimit-Policy: "api";q=100;w=3600
//   RateLimit: "api";r=42;t=1187
// The X-RateLimit-* fields are the older convention many clients read; X-RateLimit-Reset is a
// Unix time in seconds, as GitHub's API sends it.
export function rateLimitHeaders(
  policy: RateLimitPolicy,
  decision: Decision,
  now = Date.now(),
): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(Math.ceil((now + decision.resetMs) / 1000)),
    "RateLimit-Policy": `"${policy.name}";q=${policy.limit};w=${Math.max(1, seconds(policy.windowMs))}`,
    RateLimit: `"${policy.name}";r=${decision.remaining};t=${seconds(decision.resetMs)}`,
  };
}

export function retryAfterSeconds(decision: Decision): number {
  return Math.max(1, seconds(decision.resetMs));
}

export function describeWindow(windowMs: number): string {
  const unit = (n: number, name: string) => (n === 1 ? name : `${n} ${name}s`);
  if (windowMs % 3_600_000 === 0) return unit(windowMs / 3_600_000, "hour");
  if (windowMs % 60_000 === 0) return unit(windowMs / 60_000, "minute");
  return unit(seconds(windowMs), "second");
}

export function describeWait(totalSeconds: number): string {
  if (totalSeconds < 60) return totalSeconds === 1 ? "1 second" : `${totalSeconds} seconds`;
  const minutes = Math.ceil(totalSeconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function rateLimitMessage(policy: RateLimitPolicy, decision: Decision): string {
  const wait = describeWait(retryAfterSeconds(decision));
  return `Too many requests: the limit is ${policy.limit} per ${describeWindow(policy.windowMs)}. Try again in ${wait}.`;
}

// 429 with `{ error: { code, message, retryAfter } }`, Retry-After and the limit's fields.
export function rateLimitedResponse(policy: RateLimitPolicy, decision: Decision): Response {
  const retryAfter = retryAfterSeconds(decision);
  return json(
    { error: { code: "rate_limited", message: rateLimitMessage(policy, decision), retryAfter } },
    {
      status: 429,
      headers: {
        ...rateLimitHeaders(policy, decision),
        "Retry-After": String(retryAfter),
        "Cache-Control": "no-store",
      },
    },
  );
}

// Route handlers may return responses whose headers are immutable: copy into a new one.
export function withRateLimitHeaders(
  response: Response,
  policy: RateLimitPolicy,
  decision: Decision,
): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(rateLimitHeaders(policy, decision)))
    headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
