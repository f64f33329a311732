import { fileURLToPath } from "node:url";
import { headerRules } from "./security-headers.js";

// Next's own cache on Redis (lib/next-cache/): Node imports these by path at run time.
const handler = (name) =>
  fileURLToPath(new URL(`./lib/next-cache/handlers/${name}.mjs`, import.meta.url));

// The end-to-end suite's build (NEXT_CACHE_PROBES=1, set by tests/settings.ts) adds app/probes/
// (files named *.probe.tsx and *.probe.ts: pages, a route and actions that call Next's own cache
// functions) and a 'use cache' handler that logs each call Next makes (tests/e2e/probes/). No
// other build has either.
const probes = process.env.NEXT_CACHE_PROBES === "1";
const useCacheHandler = probes
  ? fileURLToPath(new URL("./tests/e2e/probes/logging-use-cache.mjs", import.meta.url))
  : handler("use-cache");

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: [...(probes ? ["probe.tsx", "probe.ts"] : []), "tsx", "ts", "jsx", "js"],
  // Tests build into their own folder so a running dev server's build is never replaced.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc once; the build does not
  // repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["ioredis", "pg", "@prisma/adapter-pg", "prom-client"],
  // 'use cache' and 'use cache: remote' go to Redis, shared by every process (docs/decisions/015).
  cacheHandlers: { default: useCacheHandler, remote: useCacheHandler },
  // ISR, route and fetch cache on the same store; no in-process copy, so processes never disagree.
  cacheHandler: handler("incremental"),
  cacheMaxMemorySize: 0,
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
    // Subresource Integrity: every <script src> of Next's chunks carries its sha256, so a chunk
    // changed on the way (a CDN, a proxy) does not run. Computed at build time, the same for
    // every reader. Inline scripts are allowed by a nonce or by their hashes (decision 027).
    sri: { algorithm: "sha256" },
    // forbidden() and unauthorized(): pages that refuse a reader answer 403/401, not 200.
    authInterrupts: true,
    // 'use cache' without cacheComponents: pages keep reading cookies() where they do today
    // (decision 015 says why).
    useCache: true,
  },
  // Security headers on every response, and the policy of what is not a page (security-headers.js);
  // a page's Content-Security-Policy is set per request by proxy.ts.
  async headers() {
    return headerRules({ production: process.env.NODE_ENV === "production" });
  },
};

export default nextConfig;
