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

export function excerptOf(markdown: string, length = 200): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/<[^>]*>/g, " ")
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
