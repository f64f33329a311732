// Security headers. Plain JavaScript without imports: next.config.js loads it at build time (and
// the image copies it beside next.config.js), proxy.ts at run time.
// - Every response: the headers of securityHeaders(), set by next.config.js headers().
// - Pages: a Content-Security-Policy per request, set by proxy.ts (lib/http/page-policy.ts), with
//   a fresh nonce that Next puts on its inline scripts; a page the page cache stores gets the
//   hashes of its own inline scripts instead (lib/page-cache/script-policy.ts).
// - Everything else (the API, the event streams, Next's static files): RESOURCE_POLICY, from
//   next.config.js headers(), as no document is meant to be shown from there.
// See docs/decisions/027-csp-nonces-and-hashes.md (and 013 for the other headers).

/**
 * The policy of a page. With a nonce, Next's inline scripts carry it; without one (a render for
 * the page cache, which adds its hashes), no inline script runs.
 * @param {{ production: boolean, nonce?: string }} options
 */
export function contentSecurityPolicy({ production, nonce }) {
  const directives = {
    "default-src": ["'self'"],
    // Next's chunks come from this origin (each with its Subresource Integrity hash); inline
    // scripts run only with this response's nonce or hash. The dev server also evaluates code.
    "script-src": [
      "'self'",
      ...(nonce ? [`'nonce-${nonce}'`] : []),
      ...(production ? [] : ["'unsafe-eval'"]),
    ],
    // React renders style="" attributes, which no nonce or hash can allow.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Articles may show images from any https address (lib/markdown/ allows http(s) images; http
    // ones are blocked here). The blog itself shows none of its own but same-origin ones.
    "img-src": ["'self'", "https:"],
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

/** The policy of what is not a page: JSON, event streams, static files. Nothing may load or frame. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every response carries; server.ts sets them on what it answers without Next.
 * @param {{ production: boolean }} mode
 */
export function securityHeaders({ production }) {
  return [
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

/**
 * next.config.js headers(): the security headers on every path, and RESOURCE_POLICY on the paths
 * that are not pages (a page's policy is proxy.ts's, so the two never meet on one response).
 * @param {{ production: boolean }} mode
 */
export function headerRules({ production }) {
  const resourcePolicy = [{ key: "Content-Security-Policy", value: RESOURCE_POLICY }];
  return [
    { source: "/:path*", headers: securityHeaders({ production }) },
    { source: "/api/:path*", headers: resourcePolicy },
    { source: "/_next/:path*", headers: resourcePolicy },
  ];
}
