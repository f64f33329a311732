// Rendering a page to store it: a request to this server's own port, marked with a token that
// sends it straight to Next, that reads the whole response. The same path serves a reader's miss
// and a background refresh of a stale page, which has no reader's request to borrow. Any app
// process may answer it: the token is derived from the secret they all share.
import { createHmac } from "node:crypto";
import { type IncomingHttpHeaders, request } from "node:http";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { currentRequestId } from "@/lib/util/request-context";
import { sameSecret } from "@/lib/util/same-secret";
import { traceHeaders } from "@/lib/util/tracing";
import { PAGE_VARIANT_HEADER } from "./variant";

export const RENDER_HEADER = "x-page-cache-render";

function requestIdHeader(): Record<string, string> {
  const id = currentRequestId();
  return id ? { [REQUEST_ID_HEADER]: id } : {};
}

export interface Rendered {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function renderToken(secret: string): string {
  return createHmac("sha256", secret).update("page-cache render").digest("base64url");
}

export function isRenderRequest(headers: IncomingHttpHeaders, token: string): boolean {
  const sent = headers[RENDER_HEADER];
  return typeof sent === "string" && sameSecret(sent, token);
}

export interface RenderTarget {
  port: number;
  token: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

/**
 * GETs `path` as an anonymous reader would (or, given a variant, as the page shared by that kind
 * of reader), uncompressed; rejects on timeout or an oversized body.
 */
// The page is shared by every reader, so nothing a reader chose goes into it: not even the Host
// header, which a client can forge, and never a cookie.
export function renderPage(
  target: RenderTarget,
  path: string,
  variant?: string | false,
): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: target.port,
        path,
        method: "GET",
        headers: {
          host: `127.0.0.1:${target.port}`,
          accept: "text/html",
          "accept-encoding": "identity",
          [RENDER_HEADER]: target.token,
          ...(variant && { [PAGE_VARIANT_HEADER]: variant }),
          // The render's log lines carry the id of the reader's request that asked for it.
          ...requestIdHeader(),
          // Next's spans of the render continue the reader's trace.
          ...traceHeaders(),
        },
        timeout: target.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > target.maxBodyBytes)
            req.destroy(new Error(`page ${path} is over ${target.maxBodyBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 500,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`page ${path} took over ${target.timeoutMs} ms to render`)),
    );
    req.on("error", reject);
    req.end();
  });
}

// Only a complete, ordinary page that sets nothing for its reader is shared.
export function isShareable(rendered: Rendered): boolean {
  const type = String(rendered.headers["content-type"] ?? "");
  return (
    rendered.status === 200 &&
    rendered.headers["set-cookie"] === undefined &&
    type.startsWith("text/html")
  );
}
