// After sign-in we go back where the person was, but only to a path of this site: never to
// another origin ("//evil.example", "https://…", "/\\evil").
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  return next;
}
