import { randomBytes } from "node:crypto";

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "post";
}

// A short random suffix keeps slugs unique without a read-before-write race.
export function uniqueSlug(title: string): string {
  return `${slugify(title)}-${randomBytes(3).toString("hex")}`;
}

// Text between fences is code, not prose. An unclosed fence keeps its text, as markdown shows it.
function withoutCodeBlocks(markdown: string): string {
  const parts = markdown.split("```");
  return parts.filter((_, i) => i % 2 === 0 || i === parts.length - 1).join(" ");
}

/**
 * A plain-text excerpt of markdown. Every pattern runs in linear time whatever the input: a
 * pattern's repeated part stops at the next opening delimiter too (`[^[\]]`, not `[^\]]`), so
 * 100,000 unclosed `[` or `<` cost one pass each instead of one pass per delimiter.
 */
export function excerptOf(markdown: string, length = 200): string {
  const text = withoutCodeBlocks(markdown)
    .replace(/!\[[^[\]]*\]\([^()]*\)/g, " ")
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, "$1")
    .replace(/<[^<>]*>/g, " ")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= length) return text;
  return `${text.slice(0, length).replace(/\s+\S*$/, "")}…`;
}

// What slugs look like (uniqueSlug and the seed make them): anything else is not a post, and is
// answered without asking the cache or the database.
export function isSlug(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,80}$/.test(value);
}
