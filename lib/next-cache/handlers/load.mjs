// Loads the blog's handlers (app-handlers.ts) for the .mjs entries named in next.config.js. Next
// imports those entries by path with Node's own import(), outside its bundle, where Node resolves
// no `@/` paths:
// - in production (`next build`, `npm start`, the image) from dist/next-cache-handlers.mjs, the
//   JavaScript scripts/build-server.mjs makes of app-handlers.ts before `next build`: no tsx;
// - in development (`next dev`, vitest) from the TypeScript itself through tsx, a devDependency,
//   so an edit needs no build.
// Turbopack also bundles the entries (into the proxy): the ignore comments keep both imports out
// of the bundle, made by Node when the code runs.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// A file of the project: found from this file when Node imports it by path, from the working
// directory when it runs bundled, where import.meta.url is the bundle's. (The ignore comments: a
// path to a file of the project, not something for Turbopack to trace.)
function fromRoot(file) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const above = path.resolve(/* turbopackIgnore: true */ here, "../../..", file);
  return existsSync(above) ? above : path.join(/* turbopackIgnore: true */ process.cwd(), file);
}

export async function loadHandlers() {
  if (process.env.NODE_ENV === "production") {
    const built = fromRoot("dist/next-cache-handlers.mjs");
    if (!existsSync(built)) throw new Error(`${built} is missing: \`npm run build\` makes it`);
    return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(built).href);
  }
  const { tsImport } = await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ "tsx/esm/api"
  );
  const source = fromRoot("lib/next-cache/handlers/app-handlers.ts");
  return tsImport(pathToFileURL(source).href, import.meta.url);
}
