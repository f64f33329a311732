import { randomUUID } from "node:crypto";

// Each request's id: on every log line written while it is served, and in its `x-request-id`
// response header, so that a reader's report ("this page failed at 10:02, id …") leads to the
// lines. An id sent along is kept only from a sender that is trusted: a proxy in front
// (TRUST_PROXY, which must set the header itself, not pass on the client's), or the page cache's
// own render of a reader's miss; a client's own id is never believed.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdOf(
  headers: Record<string, string | string[] | undefined>,
  senderTrusted: boolean,
): string {
  const sent = headers[REQUEST_ID_HEADER];
  return senderTrusted && typeof sent === "string" && SAFE_ID.test(sent) ? sent : randomUUID();
}
