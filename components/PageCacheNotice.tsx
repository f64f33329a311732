"use client";
import { useEffect, useState } from "react";
import { useMember } from "@/components/member/MemberProvider";

// A page answered from the page cache (server.ts) was not rendered for this request: the trace
// inside it is the one of the render that stored it. The response's Server-Timing says so
// (`page-cache;desc="HIT stored <time>"`) and the Performance API exposes it to the page, so the
// panel tells the reader what really happened. Only the document loaded first can say this:
// pages reached afterwards by client-side navigation are rendered for the reader.
let firstPanelMounted = false;

type Served = { outcome: string; storedAt: Date };

function servedFromPageCache(): Served | null {
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  const entry = navigation?.serverTiming?.find((timing) => timing.name === "page-cache");
  const match = entry && /^(HIT|STALE) stored (\S+)$/.exec(entry.description);
  return match ? { outcome: match[1], storedAt: new Date(match[2]) } : null;
}

export function PageCacheNotice({ children }: { children: React.ReactNode }) {
  const [served, setServed] = useState<Served | null>(null);
  const signedIn = useMember().status !== "anonymous";
  useEffect(() => {
    const first = !firstPanelMounted;
    firstPanelMounted = true;
    if (first) setServed(servedFromPageCache());
  }, []);
  if (!served) return children;
  const age = Math.max(0, Math.round((Date.now() - served.storedAt.getTime()) / 1000));
  return (
    <details className="trace" data-testid="trace" data-page-cache={served.outcome}>
      <summary>
        How this page was served:{" "}
        <strong data-testid="trace-summary">
          whole page from the page cache ({served.outcome})
        </strong>
        , stored <time dateTime={served.storedAt.toISOString()}>{age} s ago</time>: no render, one
        Redis GET
      </summary>
      <p className="trace-note">
        {signedIn ? (
          <>
            This page is the one every signed-in reader gets, rendered for no one: your name, your
            sidebar and what you may do here came apart, from your own parts (
            <code>GET /api/me/parts</code>, a fragment in <code>cache:fragment</code>). The server
            in front of Next.js answered the page from Redis (<code>cache:page</code>)
          </>
        ) : (
          <>
            You are not signed in, so this page is the one every anonymous reader gets: the server
            in front of Next.js answered it from Redis (<code>cache:page</code>)
          </>
        )}{" "}
        without calling React, compressed once when it was stored. Any change to what it shows
        purges it at once;{" "}
        {served.outcome === "STALE"
          ? "it was past its fresh time, so one process is rendering it again in the background"
          : "once its fresh time is over, one process renders it again in the background"}
        . <a href="/patterns#page-caching">Page caching →</a>
      </p>
    </details>
  );
}
