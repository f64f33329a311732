import { securityHeaders } from "./security-headers.js";

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
    // Subresource Integrity: every <script src> of Next's chunks carries its sha256, so a chunk
    // changed on the way (a CDN, a proxy) does not run. Computed at build time, the same for
    // every reader, unlike nonces.
    sri: { algorithm: "sha256" },
    // forbidden() and unauthorized(): pages that refuse a reader answer 403/401, not 200.
    authInterrupts: true,
  },
  // Every response, pages, API and the event stream alike (security-headers.js).
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) }];
  },
};

export default nextConfig;
