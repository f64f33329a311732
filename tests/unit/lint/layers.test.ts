// The layer rules of .dependency-cruiser.cjs (`npm run lint:layers`) catch what they are meant to:
// a small project in a temp folder breaks each rule once, on purpose, and a clean one breaks none.
// The rules come from the project's own config file, cruised as the CLI does (tsconfig paths,
// type-only imports, .mjs and .tsx files).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";

const CONFIG = path.resolve(".dependency-cruiser.cjs");
const RULES = [
  "toolkit-is-the-bottom",
  "cache-library-stands-alone",
  "infrastructure-below-the-domains",
  "domains-below-the-glue",
  "lib-imports-no-page-or-component",
  "no-circular",
];

const TSCONFIG = JSON.stringify({
  compilerOptions: { jsx: "react-jsx", moduleResolution: "bundler", paths: { "@/*": ["./*"] } },
});

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Writes `files` (path -> source) into a new temp folder with the project's tsconfig paths. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "layers-"));
  folders.push(root);
  for (const [file, source] of Object.entries({ "tsconfig.json": TSCONFIG, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

type Found = { rule: string; from: string; to: string; cycle?: string[] };

/**
 * Cruises `root` with the rules and options of .dependency-cruiser.cjs, from inside it as
 * `npm run lint:layers` does from the project's root (tsconfig paths are resolved from there).
 */
async function violations(root: string): Promise<Found[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const transpile = { tsConfig: extractTSConfig(options.tsConfig?.fileName ?? "tsconfig.json") };
    const result = await cruise(["lib", "app", "components"], options, {}, transpile);
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((v) => ({
      rule: v.rule.name,
      from: v.from,
      to: v.to,
      ...(v.cycle ? { cycle: v.cycle.map((step) => step.name) } : {}),
    }));
  } finally {
    process.chdir(cwd);
  }
}

const byRule = (found: Found[], rule: string) =>
  found
    .filter((v) => v.rule === rule)
    .map(({ rule: _, ...rest }) => rest)
    .sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`));

describe("the layer rules of .dependency-cruiser.cjs", () => {
  it("are the six this test plants a violation of, each an error", async () => {
    const { ruleSet } = await extractDepcruiseOptions(CONFIG);
    const forbidden = ruleSet?.forbidden ?? [];
    expect(forbidden.map((rule) => rule.name)).toEqual(RULES);
    for (const rule of forbidden) {
      expect(rule.severity).toBe("error");
      expect(rule.comment?.length).toBeGreaterThan(40);
    }
  });

  it("report each planted violation, exactly, under its rule", async () => {
    const root = project({
      // toolkit-is-the-bottom: lib/util/ uses nothing above it, not even lib/redis/ ...
      "lib/util/u.ts":
        'import path from "node:path";\nimport { r } from "../redis/r";\nexport const u = path.sep + r;\n',
      "lib/redis/r.ts": 'export const r = "r";\n',
      // ... and lib/redis/ nothing but lib/util/ (here through the @/ alias).
      "lib/redis/x.ts": 'import { env } from "@/lib/platform/env";\nexport const x = env;\n',
      "lib/platform/env.ts": 'export const env = "env";\n',
      // cache-library-stands-alone: the cache library knows no domain.
      "lib/cache/y.ts": 'import { q } from "../domains/posts/q";\nexport const y = q;\n',
      // infrastructure-below-the-domains: the page cache knows no domain and no glue ...
      "lib/page-cache/store.ts": 'import { g } from "@/lib/blog/g";\nexport const s = g;\n',
      "lib/blog/g.ts": 'export const g = "g";\n',
      // ... except the limiter's identity of a request, the blog's configuration, named in the rule.
      "lib/rate-limit/identity.ts":
        'import { q } from "../domains/posts/q";\nexport const who = q;\n',
      // domains-below-the-glue: a domain does not reach up into the admin page or the glue ...
      "lib/domains/users/u.ts": 'import { a } from "@/lib/admin/a";\nexport const u = a;\n',
      "lib/admin/a.ts": 'export const a = "a";\n',
      // ... but for a mutation's call of its change's invalidation.
      "lib/domains/posts/mutations.ts":
        'import { changed } from "@/lib/blog/invalidation";\nexport const m = changed;\n',
      "lib/blog/invalidation/index.ts": 'export const changed = "changed";\n',
      // lib-imports-no-page-or-component: from a .ts file and from a path-loaded .mjs file.
      "lib/domains/posts/q.ts": 'import { C } from "../../../components/C";\nexport const q = C;\n',
      "components/C.tsx": "export const C = () => <p>C</p>;\n",
      "lib/next-cache/handlers/h.mjs":
        'import Page from "../../../app/page.tsx";\nexport default Page;\n',
      "app/page.tsx": "export default function Page() {\n  return <main />;\n}\n",
      // no-circular: a circle closed by a type-only import is still one.
      "lib/blog/a.ts":
        'import { b } from "./b";\nexport type A = { a: number };\nexport const a = b;\n',
      "lib/blog/b.ts": 'import type { A } from "./a";\nexport const b: A = { a: 1 };\n',
    });
    const found = await violations(root);

    expect(byRule(found, "toolkit-is-the-bottom")).toEqual([
      { from: "lib/redis/x.ts", to: "lib/platform/env.ts" },
      { from: "lib/util/u.ts", to: "lib/redis/r.ts" },
    ]);
    expect(byRule(found, "cache-library-stands-alone")).toEqual([
      { from: "lib/cache/y.ts", to: "lib/domains/posts/q.ts" },
    ]);
    expect(byRule(found, "infrastructure-below-the-domains")).toEqual([
      { from: "lib/page-cache/store.ts", to: "lib/blog/g.ts" },
    ]);
    expect(byRule(found, "domains-below-the-glue")).toEqual([
      { from: "lib/domains/users/u.ts", to: "lib/admin/a.ts" },
    ]);
    expect(byRule(found, "lib-imports-no-page-or-component")).toEqual([
      { from: "lib/domains/posts/q.ts", to: "components/C.tsx" },
      { from: "lib/next-cache/handlers/h.mjs", to: "app/page.tsx" },
    ]);
    // A circle is reported once, from one of its files, with the way back to it.
    const circles = byRule(found, "no-circular");
    expect(circles).toHaveLength(1);
    expect([circles[0].from, circles[0].to].sort()).toEqual(["lib/blog/a.ts", "lib/blog/b.ts"]);
    expect(circles[0].cycle).toEqual([circles[0].to, circles[0].from]);
    // Nothing else: the imports of node: modules and within a layer are allowed.
    expect(found).toHaveLength(8);
  });

  it("report nothing for the imports the layers allow", async () => {
    const root = project({
      "lib/util/u.ts": 'import path from "node:path";\nexport const u = path.sep;\n',
      "lib/redis/r.ts": 'import { u } from "../util/u";\nexport const r = u;\n',
      "lib/cache/c.ts":
        'import { r } from "@/lib/redis/r";\nimport { u } from "../util/u";\nexport const c = r + u;\n',
      "lib/platform/env.ts": 'import { c } from "../cache/c";\nexport const env = c;\n',
      "lib/domains/posts/q.ts":
        'import { r } from "@/lib/redis/r";\nimport { env } from "@/lib/platform/env";\nexport const q = r + env;\n',
      "lib/blog/g.ts":
        'import { c } from "../cache/c";\nimport { q } from "../domains/posts/q";\nexport const g = c + q;\n',
      "app/page.tsx":
        'import { C } from "@/components/C";\nimport { g } from "@/lib/blog/g";\nexport default function Page() {\n  return <C text={g} />;\n}\n',
      "components/C.tsx":
        'import { u } from "@/lib/util/u";\nexport const C = ({ text }: { text: string }) => <p>{text + u}</p>;\n',
    });
    expect(await violations(root)).toEqual([]);
  });
});
