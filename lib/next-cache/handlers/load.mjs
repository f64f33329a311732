// Loads the blog's handlers (app-handlers.ts) for the .mjs entries named in next.config.js.
// Next imports those entries by path with Node's own import(), outside its bundle, and Node 20
// cannot load TypeScript: tsx compiles the handlers (and tsconfig's @/ paths) on first load.
// Turbopack also bundles the entries (into the proxy) and traces them for the standalone output:
// the ignore comments keep tsx out of the bundle, loaded by Node when the code runs. An app
// without tsx points its config at a JavaScript build of its handlers instead.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Beside this file when Node imports it by path; from the project root when it runs bundled,
// where import.meta.url is the bundle's.
function source() {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), "app-handlers.ts");
  return existsSync(beside)
    ? beside
    : path.join(process.cwd(), "lib", "next-cache", "handlers", "app-handlers.ts");
}

export async function loadHandlers() {
  const { tsImport } = await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ "tsx/esm/api"
  );
  return tsImport(pathToFileURL(source()).href, import.meta.url);
}
