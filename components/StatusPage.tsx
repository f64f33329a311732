import Link from "next/link";

// A page that explains why it shows nothing else: refused (403), too many requests (429).
// App Router pages cannot set their HTTP status; the JSON APIs answer with the real one.
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
