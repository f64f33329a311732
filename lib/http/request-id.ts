import { randomUUID } from "node:crypto";

// Each request's id: on every log line written while it is served, and in its `x-request-id`
// response header, so that a reader's report ("this page failed at 10:02, id …") leads to the
// lines. Behind trusted proxies (TRUST_PROXY) the id a proxy sent along is kept, so one id
// follows the request from the edge; otherwise a client's own id is not believed.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdOf(
  headers: Record<string, string | string[] | undefined>,
  trustedProxies: number,
): string {
  const sent = headers[REQUEST_ID_HEADER];
  return trustedProxies > 0 && typeof sent === "string" && SAFE_ID.test(sent) ? sent : randomUUID();
}
