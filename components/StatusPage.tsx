import Link from "next/link";

// A page that explains why it shows nothing else: refused (403), too many requests (429). The
// status itself is set elsewhere, since a page cannot set its own: forbidden() for a 403
// (app/forbidden.tsx and the segments' own), proxy.ts for a 429 (lib/rate-limit/search-page-proxy.ts).
const kinds = {
  refused: { code: 403, title: "Not allowed", testId: "refused" },
  "rate-limited": { code: 429, title: "Slow down", testId: "rate-limited" },
} as const;

export function StatusPage({ kind, message }: { kind: keyof typeof kinds; message: string }) {
  const { code, title, testId } = kinds[kind];
  return (
    <div className="container error-page" data-testid={testId}>
      <p className="code">{code}</p>
      <h1>{title}</h1>
      <p className="lede">{message}</p>
      <Link href="/" className="btn secondary">
        Back to the feed
      </Link>
    </div>
  );
}
