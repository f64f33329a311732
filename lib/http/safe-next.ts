// After sign-in we go back where the person was, but only to a path of this site. The path is
// resolved the way a browser would (which drops tabs and newlines, reads "\" as "/", removes
// "." and ".." segments), and kept only if it stays on our origin: never "//evil.example",
// "https://…", "/\\evil", "/\t/evil".
const HERE = "http://this.site";

// A path whose first segment is empty ("//host", which resolution can produce from "/.//host")
// is read by a browser as another host: such a result is refused, not just its input.
const leavesOrigin = (path: string) => path.startsWith("//") || new URL(path, HERE).origin !== HERE;

export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/")) return "/";
  const url = new URL(next, HERE);
  if (url.origin !== HERE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return leavesOrigin(path) ? "/" : path;
}
