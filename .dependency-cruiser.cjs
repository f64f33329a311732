// The layers of lib/, checked by dependency-cruiser (`npm run lint:layers`, part of `npm run lint`).
// From the bottom up:
//   lib/util/      remember, within, error-message, logger: imports nothing of the project
//   lib/redis/     the Redis toolkit: may import lib/util/ only
//   lib/cache/     the cache library: may import lib/util/ and lib/redis/ only
//   lib/platform/, lib/http/, lib/markdown/, lib/page-cache/, lib/next-cache/, lib/realtime/,
//   lib/rate-limit/, lib/blog-cache/: the app's infrastructure, below its domains
//   lib/domains/<name>/: the blog's domains
//   lib/blog/, lib/admin/: above the domains: the glue (invalidation, page loaders and routes,
//   warming, patterns) and the admin cache page's server side
//   app/, components/: Next's pages and routes, React components; lib/ never imports them
// Node's modules (node:*) and npm packages are always allowed: the rules are about the project's
// own files. tests/unit/lint/layers.test.ts plants one violation of each rule and checks that it
// is reported.

// The project's own files, as dependency-cruiser names them (relative to the project root). An
// `@/` import it could not resolve keeps its alias in the name, so it counts as the project's too.
const PROJECT =
  "^(lib|app|components|bench|scripts|tests|prisma)/|^@/|^[^/]+\\.(ts|tsx|mts|cts|js|mjs|cjs)$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "toolkit-is-the-bottom",
      comment:
        "lib/util/ and lib/redis/ are the bottom of the project: everything may use them, so they " +
        "may use nothing above them, or a change up there (a page, a domain, the app's clients) " +
        "could break the layer all the others stand on, and they could not be reused or tested " +
        "alone. lib/redis/ may import lib/util/; lib/util/ imports only lib/util/ ($1 is the " +
        "folder the import is made from).",
      severity: "error",
      from: { path: "^lib/(util|redis)/" },
      to: { path: PROJECT, pathNot: "^lib/(util|$1)/" },
    },
    {
      name: "cache-library-stands-alone",
      comment:
        "lib/cache/ is a cache library that knows nothing of the blog: it stands on lib/redis/ " +
        "and lib/util/ only. The blog's caches are built on it in lib/blog-cache/, never the other " +
        "way round, so the library can be read, tested and reused without the blog.",
      severity: "error",
      from: { path: "^lib/cache/" },
      to: { path: PROJECT, pathNot: "^lib/(cache|redis|util)/" },
    },
    {
      name: "infrastructure-below-the-domains",
      comment:
        "The app's infrastructure (settings, database, HTTP, the page cache, Next's cache, " +
        "realtime, the limiter, the blog's cache instances and tags) is what the domains stand " +
        "on: it imports no domain and none of the glue above them, so a domain can change " +
        "without touching the layers under it. One file is the blog's configuration of an " +
        "infrastructure part and says so: the limiter's identity of a request (who is signed " +
        "in). The page cache's route table, by contrast, is the blog's and is handed to it.",
      severity: "error",
      from: {
        path: "^lib/(platform|http|markdown|page-cache|next-cache|realtime|rate-limit|blog-cache)/",
        pathNot: "^lib/rate-limit/identity[.]ts$",
      },
      to: { path: "^lib/(domains|blog|admin)/" },
    },
    {
      name: "domains-below-the-glue",
      comment:
        "The glue (lib/blog/) and the admin page (lib/admin/) stand on the domains and tie them " +
        "to the caches; a domain that imported them would go back up. The one way up is a " +
        "mutation calling its change's invalidation (lib/blog/invalidation/index.ts): the one " +
        "place that knows what a change makes wrong, called once the write is committed.",
      severity: "error",
      from: { path: "^lib/domains/" },
      to: { path: "^lib/(blog|admin)/", pathNot: "^lib/blog/invalidation/index[.]ts$" },
    },
    {
      name: "lib-imports-no-page-or-component",
      comment:
        "app/ (Next's routes and pages) and components/ (React components) are the top: they " +
        "use lib/, lib/ never uses them. A lib/ module that imported a page or a component would " +
        "tie the logic to the UI (and to React and Next's client/server boundary).",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "no-circular",
      comment:
        "Two modules that import each other (directly or through others) cannot be read, " +
        "tested or moved one without the other, and their top-level code runs in an order that " +
        "depends on which is imported first. Type-only imports count too (tsPreCompilationDeps): " +
        "a type-only circle is still a circle for a reader.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Prisma's generated client is not cruised (nor is a folder passed on the command line
    // searched in it), but an import of it is still seen, so the rules above apply to it.
    doNotFollow: { path: ["^node_modules/", "^lib/generated/"] },
    exclude: { path: ["^\\.next[^/]*/", "^dist/", "^\\.data/", "^bench/results/", "^reports/"] },
    // `import type` and type-only re-exports are dependencies too.
    tsPreCompilationDeps: true,
    // tsconfig.json's paths: `@/lib/...` is lib/...
    tsConfig: { fileName: "tsconfig.json" },
    // As Node and Next resolve npm packages (exports fields, ESM first).
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    // Only what the rules above need is computed.
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
