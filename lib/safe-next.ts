// After sign-in we go back where the person was, but only to a path of this site. The path is
// resolved the way a browser would (which drops tabs and newlines, reads "\" as "/"), and kept
// only if it stays on our origin: never "//evil.example", "https://…", "/\\evil", "/\t/evil".
const HERE = "http://this.site";

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  const url = new URL(next, HERE);
  if (url.origin !== HERE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
