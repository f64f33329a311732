// Bundles server.ts (and the lib/ modules it uses) into dist/server.mjs for `npm start`.
// Packages stay external: they load from node_modules exactly as Next's own build does.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  logLevel: "warning",
});
console.log("server: built dist/server.mjs");
