// Bundles what Node runs outside Next's own build into dist/, as JavaScript, so that neither
// `npm start` nor the image (Dockerfile) needs tsx:
//   dist/server.mjs              server.ts, what `npm start` runs
//   dist/next-cache-handlers.mjs Next's cache handlers (lib/next-cache/handlers/app-handlers.ts),
//                                which the .mjs entries next.config.js names load in production
//   dist/migrate.mjs             the migrations (scripts/migrate.ts, `npm run db:migrate`)
//   dist/seed.mjs                the demo data (prisma/seed.ts, `npm run db:seed`)
// `npm run build` runs it before `next build`, which loads the handlers while it prerenders.
// Packages stay external: they load from node_modules exactly as Next's own build does, and each
// must be a runtime dependency (the image installs `npm ci --omit=dev`): the build fails otherwise.
import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { build } from "esbuild";

const entries = {
  server: "server.ts",
  "next-cache-handlers": "lib/next-cache/handlers/app-handlers.ts",
  migrate: "scripts/migrate.ts",
  seed: "prisma/seed.ts",
};

// `import "server-only"` keeps server modules out of Next's client bundles; everything here is
// server code, and the package's Node entry throws by design. server.ts reads sessions with the
// same modules the pages use (lib/blog/member-parts-answer.ts).
const serverOnly = {
  name: "server-only",
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({
      path: "server-only",
      namespace: "empty",
    }));
    builder.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

const { metafile } = await build({
  plugins: [serverOnly],
  entryPoints: Object.entries(entries).map(([out, input]) => ({ in: input, out })),
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  metafile: true,
  logLevel: "warning",
});

// The package an import names: "@scope/name/sub" -> "@scope/name", "name/sub" -> "name".
const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
const notRuntime = new Set(
  Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .filter(({ external, path }) => external && !isBuiltin(path))
    .map(({ path }) => packageOf(path))
    .filter((name) => !(name in dependencies)),
);
if (notRuntime.size) {
  console.error(
    `server: dist/ imports ${[...notRuntime].join(", ")}, not in package.json "dependencies": the image would not have it`,
  );
  process.exit(1);
}
console.log(
  `server: built ${Object.keys(entries)
    .map((name) => `dist/${name}.mjs`)
    .join(", ")}`,
);
