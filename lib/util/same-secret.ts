import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a secret a client sent is the expected one, in constant time: both are hashed first,
 * so neither the lengths nor the bytes (non-ASCII ones included) shape the comparison or throw.
 */
export function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
