import { sameSecret } from "@/lib/util/same-secret";

/** `Authorization: Bearer <token>` against the expected token, in constant time. */
export function bearerTokenMatches(header: string | null, expected: string): boolean {
  const sent = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
  return sent !== undefined && sameSecret(sent, expected);
}
