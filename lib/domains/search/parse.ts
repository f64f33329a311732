import { AppError } from "@/lib/platform/errors";

export const MAX_QUERY_LENGTH = 200;

/** The form of a query that names its cache entry: trimmed, spaces collapsed, lower case. */
export function normalizeQuery(raw: string): string {
  // Control characters (NUL in particular, which Postgres text cannot hold) are just spaces.
  return (
    raw
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters become spaces
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .trim()
      .replace(/\s+/g, " ")
      .toLowerCase()
  );
}

/**
 * The `q` of a search, normalized, or a 400 naming the field. The length is checked on what was
 * sent, before any work on it, so a 10 kB query costs nothing.
 */
export function parseSearchQuery(raw: string | null | undefined): string {
  if (raw && raw.length > MAX_QUERY_LENGTH) {
    const message = `Search for at most ${MAX_QUERY_LENGTH} characters.`;
    throw new AppError("validation_failed", message, { q: message });
  }
  const query = normalizeQuery(raw ?? "");
  if (!query)
    throw new AppError("validation_failed", "Enter something to search for.", {
      q: "Enter something to search for.",
    });
  return query;
}
