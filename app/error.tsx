"use client";

// Shown for unexpected errors: no stack trace, a way forward, and the digest the server logged.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
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
