// Keeps modules small enough to read in one sitting: no function over 60 lines (from its first
// line to its last, blank lines and comments included), no file over 200 lines.
// Usage: node scripts/check-size.mjs [folder or file ...]   (by default app/, components/, lib/)
// `npm run lint` runs it over all of them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const MAX_FUNCTION_LINES = 60;
const MAX_FILE_LINES = 200;
const ROOTS = ["app", "components", "lib"];
// Written by `prisma generate`, not by people.
const SKIPPED = new Set(["lib/generated"]);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function sourceFiles(path) {
  if (SKIPPED.has(relative(".", path))) return [];
  if (!statSync(path).isDirectory()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

const lineOf = (file, position) => file.getLineAndCharacterOfPosition(position).line + 1;

function nameOf(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  return "(anonymous)";
}

function longFunctions(file) {
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = lineOf(file, node.getStart(file));
      const lines = lineOf(file, node.getEnd()) - first + 1;
      if (lines > MAX_FUNCTION_LINES) found.push({ name: nameOf(node), line: first, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function problemsIn(path) {
  const text = readFileSync(path, "utf8");
  const problems = [];
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_FILE_LINES) {
    problems.push(`${path}: ${lines} lines (at most ${MAX_FILE_LINES} per file)`);
  }
  const kind = path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  for (const { name, line, lines: length } of longFunctions(file)) {
    problems.push(
      `${path}:${line}: ${name} is ${length} lines (at most ${MAX_FUNCTION_LINES} per function)`,
    );
  }
  return problems;
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : ROOTS;
const problems = roots.flatMap(sourceFiles).flatMap(problemsIn);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`\n${problems.length} over the size limits: split them into smaller modules.`);
  process.exit(1);
}
