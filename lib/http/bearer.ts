import { createHash, timingSafeEqual } from "node:crypto";

// `Authorization: Bearer <token>` against the expected token, in constant time: both sides are
// hashed first, so neither the token's length nor its bytes shape the comparison's time.
export function bearerTokenMatches(header: string | null, expected: string): boolean {
  const sent = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
  if (!sent) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
