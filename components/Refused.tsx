import Link from "next/link";

export function Refused({ message }: { message: string }) {
  return (
    <div className="container error-page" data-testid="refused">
      <p className="code">403</p>
      <h1>Not allowed</h1>
      <p className="lede">{message}</p>
      <Link href="/" className="btn secondary">
        Back to the feed
      </Link>
    </div>
  );
}
