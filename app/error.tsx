"use client";

import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/platform/db-errors";

// Shown for unexpected errors: no stack trace, a way forward, and the digest the server logged.
// When the database was out of reach the server answered 503, and the page says so.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  if (error.digest === DATABASE_UNAVAILABLE_DIGEST) {
    return (
      <div className="container error-page" data-testid="error-page">
        <p className="code">503</p>
        <h1>The database is not answering</h1>
        <p className="lede">It is restarting or out of reach. Please try again in a moment.</p>
        <button type="button" className="btn" onClick={reset}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="container error-page" data-testid="error-page">
      <p className="code">500</p>
      <h1>Something went wrong</h1>
      <p className="lede">
        It is not you, it is us. Please try again.
        {error.digest && <> (Reference: {error.digest})</>}
      </p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
