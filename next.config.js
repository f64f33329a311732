import { fileURLToPath } from "node:url";

// Next's own cache on Redis (lib/next-cache/): Node imports these by path at run time.
const handler = (name) => fileURLToPath(new URL(`./lib/next-cache/handlers/${name}.mjs`, import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so a running dev server's build is never replaced.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc once; the build does not
  // repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["ioredis", "pg", "@prisma/adapter-pg"],
  // 'use cache' and 'use cache: remote' go to Redis, shared by every process (docs/decisions/011).
  cacheHandlers: { default: handler("use-cache"), remote: handler("use-cache") },
  // ISR, route and fetch cache on the same store; no in-process copy, so processes never disagree.
  cacheHandler: handler("incremental"),
  cacheMaxMemorySize: 0,
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
    // 'use cache' without cacheComponents: pages keep reading cookies() where they do today
    // (decision 011 says why).
    useCache: true,
  },
};

export default nextConfig;
