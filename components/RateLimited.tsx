import Link from "next/link";

export function RateLimited({ message }: { message: string }) {
  return (
    <div className="container error-page" data-testid="rate-limited">
      <p className="code">429</p>
      <h1>Slow down</h1>
      <p className="lede">{message}</p>
      <Link href="/" className="btn secondary">
        Back to the feed
      </Link>
    </div>
  );
}
