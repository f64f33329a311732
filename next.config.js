/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so a running dev server's build is never replaced.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc once; the build does not
  // repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["ioredis", "pg", "@prisma/adapter-pg"],
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
    // forbidden() and unauthorized(): pages that refuse a reader answer 403/401, not 200.
    authInterrupts: true,
  },
};

export default nextConfig;
