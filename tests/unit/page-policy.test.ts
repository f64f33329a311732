import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { describe, expect, it } from "vitest";
import { pagePolicy } from "@/lib/http/page-policy";
import { RENDER_HEADER, renderToken } from "@/lib/page-cache/render";
import { env } from "@/lib/platform/env";

const scriptSrc = (policy: string) => policy.split("; ").find((d) => d.startsWith("script-src"));

describe("a page's policy (proxy.ts)", () => {
  it("has a fresh nonce per request, which Next reads from the headers handed to it", () => {
    const first = pagePolicy(new Headers({ accept: "text/html" }));
    const second = pagePolicy(new Headers());
    const nonce = getScriptNonceFromHeader(first.forward.get("content-security-policy") ?? "");
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.policy).toBe(first.forward.get("content-security-policy"));
    expect(first.forward.get("accept")).toBe("text/html");
    expect(scriptSrc(first.policy)).toBe(`script-src 'self' 'nonce-${nonce}' 'unsafe-eval'`);
    expect(getScriptNonceFromHeader(second.policy)).not.toBe(nonce);
  });

  it("allows no inline script and no nonce for the page cache's render; a forged one gets a nonce", () => {
    const token = renderToken(env().SESSION_SECRET);
    const render = pagePolicy(new Headers({ [RENDER_HEADER]: token }));
    expect(scriptSrc(render.policy)).toBe("script-src 'self' 'unsafe-eval'");
    expect(getScriptNonceFromHeader(render.policy)).toBeUndefined();
    const forged = pagePolicy(new Headers({ [RENDER_HEADER]: `${token.slice(1)}x` }));
    expect(getScriptNonceFromHeader(forged.policy)).toBeDefined();
  });

  it("keeps 'unsafe-inline' out of script-src, and limits images to this site and https", () => {
    const { policy } = pagePolicy(new Headers());
    expect(scriptSrc(policy)).not.toContain("unsafe-inline");
    expect(policy).toContain("img-src 'self' https:;");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
