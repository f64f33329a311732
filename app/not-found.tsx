import Link from "next/link";

export default function NotFound() {
  return (
    <div className="container error-page" data-testid="not-found">
      <p className="code">404</p>
      <h1>This page does not exist</h1>
      <p className="lede">
        The address may be mistyped, or the article was deleted or is not published.
      </p>
      <Link href="/" className="btn">
        Back to the feed
      </Link>
    </div>
  );
}
