import { describe, expect, it } from "vitest";
import { assertSameOrigin, crossSiteReason } from "@/lib/http/same-origin";

const from = (headers: Record<string, string>) => new Headers({ host: "blog.example", ...headers });

describe("same-origin writes", () => {
  it("accepts what browsers send from the site's own pages", () => {
    expect(
      crossSiteReason(from({ "sec-fetch-site": "same-origin", origin: "https://blog.example" })),
    ).toBeNull();
    expect(crossSiteReason(from({ "sec-fetch-site": "none" }))).toBeNull();
    // Older browsers without Fetch Metadata: the Origin decides.
    expect(crossSiteReason(from({ origin: "https://blog.example" }))).toBeNull();
    expect(
      crossSiteReason(from({ origin: "https://blog.example", "x-forwarded-host": "blog.example" })),
    ).toBeNull();
  });

  it("refuses other sites, sibling subdomains, and requests that say nothing", () => {
    expect(
      crossSiteReason(from({ "sec-fetch-site": "cross-site", origin: "https://evil.example" })),
    ).toBe("Sec-Fetch-Site is cross-site");
    expect(
      crossSiteReason(from({ "sec-fetch-site": "same-site", origin: "https://x.blog.example" })),
    ).toBe("Sec-Fetch-Site is same-site");
    expect(crossSiteReason(from({ origin: "https://evil.example" }))).toBe(
      "Origin https://evil.example is not this site",
    );
    expect(crossSiteReason(from({ origin: "null" }))).toBe("Origin null is not this site");
    expect(crossSiteReason(from({}))).toBe("neither Origin nor Sec-Fetch-Site was sent");
    expect(() => assertSameOrigin(from({}))).toThrow(
      expect.objectContaining({ code: "forbidden", status: 403 }),
    );
  });
});
