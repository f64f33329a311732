import { AppError } from "@/lib/platform/errors";

// Writes made with the session cookie must come from this site's own pages. SameSite=Lax already
// keeps the cookie off most cross-site requests; this also covers same-site subdomains, old
// browsers, and clients that send neither header (which are refused rather than trusted).
// Browsers send Sec-Fetch-Site on every request (Chrome 76+, Firefox 90+, Safari 16.4+), and
// Origin on every POST; scripts on another site can forge neither.
export function crossSiteReason(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  // "none": the person started it themselves (typed or bookmarked), never another site.
  if (site !== null)
    return site === "same-origin" || site === "none" ? null : `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (!origin) return "neither Origin nor Sec-Fetch-Site was sent";
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host && URL.canParse(origin) && new URL(origin).host === host) return null;
  return `Origin ${origin} is not this site`;
}

export function assertSameOrigin(headers: Headers): void {
  const reason = crossSiteReason(headers);
  if (reason) throw new AppError("forbidden", `Cross-site requests are not allowed (${reason}).`);
}
