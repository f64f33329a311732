import type { Metadata } from "next";
import { StatusPage } from "@/components/StatusPage";
import { describeWait, describeWindow } from "@/lib/rate-limit/headers";
import { searchLimiter } from "@/lib/rate-limit/limiters";

export const metadata: Metadata = { title: "Slow down", robots: { index: false } };

// What a search over the limit shows: proxy.ts rewrites /search?q=… here with status 429 and
// the wait in seconds (lib/rate-limit/search-page-proxy.ts).
export default async function SearchLimitedPage({
  searchParams,
}: {
  searchParams: Promise<{ wait?: string }>;
}) {
  const { policy } = searchLimiter();
  const wait = Number((await searchParams).wait);
  const retry =
    Number.isInteger(wait) && wait > 0
      ? ` Try again in ${describeWait(wait)}.`
      : " Try again shortly.";
  return (
    <StatusPage
      kind="rate-limited"
      message={`Too many requests: the limit is ${policy.limit} per ${describeWindow(policy.windowMs)}.${retry}`}
    />
  );
}
