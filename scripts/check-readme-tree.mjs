// The README's "How it is built" tree is what a newcomer reads first, so it must not drift from
// the code: every path it names has to exist, and every module directly under lib/ and every
// top-level folder has to be named. So must every path the rest of the README names in backticks
// (`lib/blog-cache/tags.ts`): a file moved or renamed leaves no stale pointer. Part of `npm run lint`.
//
// Tree lines are `<names>  <description>`: names are the leading tokens that look like paths
// (end in "/" or have an extension, globs allowed); an entry indented under a folder is inside it.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.split(/^## How it is built$/m)[1];
const block = section?.match(/```\n([\s\S]*?)```/)?.[1];
if (!block) fail(['README.md has no code block under "## How it is built"']);

const looksLikePath = (token) => /\/$|\.[a-z]+$/.test(token) && !token.includes("`");

function namedPaths(text) {
  const named = [];
  const parents = []; // [indent, folder]
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    while (parents.length && parents.at(-1)[0] >= indent) parents.pop();
    const names = [];
    for (const token of line.trim().split(/\s+/)) {
      if (!looksLikePath(token)) break;
      names.push(token);
    }
    // A continuation line (a description that wraps) names nothing.
    if (names.length === 0) continue;
    const base = parents.at(-1)?.[1] ?? "";
    for (const name of names) named.push(base + name);
    const folder = names.at(-1);
    if (names.length === 1 && folder.endsWith("/")) parents.push([indent, base + folder]);
  }
  return named;
}

const matches = (pattern, candidate) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`).test(
    candidate,
  );

function exists(named) {
  const clean = named.replace(/\/$/, "");
  if (!clean.includes("*")) return existsSync(path.join(root, clean));
  const dir = path.dirname(clean);
  return readdirSync(path.join(root, dir)).some((entry) => matches(path.basename(clean), entry));
}

const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter(Boolean);
const topFolders = new Set(
  tracked.filter((f) => f.includes("/") && !f.startsWith(".")).map((f) => `${f.split("/")[0]}/`),
);
const libEntries = new Set(
  tracked
    .filter((f) => f.startsWith("lib/"))
    .map((f) => {
      const [, first, ...rest] = f.split("/");
      return `lib/${first}${rest.length ? "/" : ""}`;
    }),
);

const named = namedPaths(block);
const problems = [];
for (const entry of named) {
  if (!exists(entry)) problems.push(`names ${entry}, which does not exist`);
}
// A folder is covered when it or anything inside it is named.
const covered = (entry) =>
  named.some(
    (n) => n === entry || matches(n, entry) || (entry.endsWith("/") && n.startsWith(entry)),
  );
for (const entry of [...topFolders, ...libEntries]) {
  if (!covered(entry)) problems.push(`does not name ${entry}`);
}
const backticked = [
  ...readme.matchAll(/`((?:lib|app|components|bench|scripts|tests|prisma|docs)\/[^`\s*<>]*)`/g),
].map((m) => m[1]);
const stale = [...new Set(backticked)].filter(
  (p) => !existsSync(path.join(root, p.replace(/\/$/, ""))),
);
if (problems.length || stale.length)
  fail([
    ...problems.map((p) => `README "How it is built" ${p}`),
    ...stale.map((p) => `README names \`${p}\`, which does not exist`),
  ]);

function fail(lines) {
  for (const line of lines) console.error(line);
  process.exit(1);
}
