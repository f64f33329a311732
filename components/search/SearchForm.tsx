import { MAX_QUERY_LENGTH } from "@/lib/domains/search";

// The search box; with `error`, the query is marked invalid and the reason shown under it.
export function SearchForm({ q, error }: { q: string; error?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: role="search" on the form itself keeps one landmark without a wrapper element
    <form method="get" action="/search" className="search-form" role="search">
      <div className="field">
        <label htmlFor="q">Search articles</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={MAX_QUERY_LENGTH}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "q-error" : undefined}
        />
        {error && (
          <p id="q-error" className="field-error" data-testid="search-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}
