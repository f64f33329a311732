// A page's Content-Security-Policy, made by proxy.ts for every page request: a fresh nonce that
// Next 16 reads from the request's Content-Security-Policy header and puts on its inline scripts
// (and React's), so only they run. A render for the page cache gets no nonce: its page is shared
// by every reader, and a nonce every reader knows protects nothing; the page cache gives the
// stored page the hashes of its inline scripts instead (lib/page-cache/script-policy.ts).
// docs/decisions/027-csp-nonces-and-hashes.md.
import "server-only";
import { randomBytes } from "node:crypto";
import { isRenderRequest, RENDER_HEADER, renderToken } from "@/lib/page-cache/render";
import { env } from "@/lib/platform/env";
import { contentSecurityPolicy } from "../../security-headers.js";

export const CSP_HEADER = "content-security-policy";

let token: string | undefined;

// Only a render the page cache asked for, which carries its token: a client that sends the header
// without it gets a nonce like everyone.
function isPageCacheRender(headers: Headers): boolean {
  const sent = headers.get(RENDER_HEADER);
  if (sent === null) return false;
  token ??= renderToken(env().SESSION_SECRET);
  return isRenderRequest({ [RENDER_HEADER]: sent }, token);
}

/** 128 random bits, base64: what Next's nonce pattern accepts. */
function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy for this page request, and the request headers to hand to Next (the same policy in
 * Content-Security-Policy, where Next finds the nonce).
 */
export function pagePolicy(headers: Headers): { policy: string; forward: Headers } {
  const policy = contentSecurityPolicy({
    production: env().NODE_ENV === "production",
    nonce: isPageCacheRender(headers) ? undefined : newNonce(),
  });
  const forward = new Headers(headers);
  forward.set(CSP_HEADER, policy);
  return { policy, forward };
}
