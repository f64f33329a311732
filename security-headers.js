// Security headers for every response, set by next.config.js headers(). Static on purpose: pages
// are served from shared caches (one HTML for every reader), so nothing here varies per request
// (no nonces). See docs/decisions/013-security-headers.md for what this policy guarantees
// and what it does not.

/** @param {{ production: boolean }} mode */
function contentSecurityPolicy({ production }) {
  const directives = {
    "default-src": ["'self'"],
    // Next.js streams its page data as inline <script> elements whose text differs with every page
    // and every article, so a static header can name no hashes for them: inline scripts are
    // allowed, scripts from anywhere else are not. The dev server also evaluates code.
    "script-src": ["'self'", "'unsafe-inline'", ...(production ? [] : ["'unsafe-eval'"])],
    // React renders style="" attributes and Next.js inlines some CSS.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Articles may show images from any https address (lib/markdown.ts allows http(s) images).
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    // fetch, server actions and the event stream go to this origin only (dev: the HMR socket).
    "connect-src": ["'self'", ...(production ? [] : ["ws:"])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** @param {{ production: boolean }} mode */
export function securityHeaders({ production }) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ production }) },
    // The same as frame-ancestors 'none', for browsers that predate CSP level 2.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    // Browsers ignore it on plain http (local runs, the end-to-end server); behind https it keeps
    // every later visit on https for two years.
    ...(production
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}
