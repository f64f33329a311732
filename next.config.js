/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so a running dev server's build is never replaced.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["ioredis", "pg", "@prisma/adapter-pg"],
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
  },
};

export default nextConfig;
