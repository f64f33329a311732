import "server-only";
import { createHash, randomBytes } from "node:crypto";

// A key reads `blog_<id>_<secret>`: the id (8 hex characters) is shown in Settings so a person
// can tell keys apart; the secret (256 random bits) is what makes it a credential. Only the
// sha256 of the whole key is stored. A slow password hash is not needed here: a 256-bit random
// secret cannot be guessed, and a fast hash lets every request look the key up by index.
const KEY_PATTERN = /^blog_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export type NewApiKey = { token: string; prefix: string; hash: string };

export function generateApiKey(): NewApiKey {
  const prefix = `blog_${randomBytes(4).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashApiKey(token) };
}

export function hashApiKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedApiKey(token: string): boolean {
  return KEY_PATTERN.test(token);
}
