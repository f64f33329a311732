import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { passwordHashSettings } from "@/lib/platform/env";
import { remember } from "@/lib/util/remember";
import { HashSlots } from "./hash-slots";

// scrypt from node:crypto: memory-hard, no native install step. The parameters travel with the
// hash (`scrypt$N$r$p$salt$key`), so the cost can be raised without invalidating stored
// passwords: a hash below the current cost is replaced at its owner's next sign-in (needsRehash).
type Params = { N: number; r: number; p: number };
const keyLength = 64;
// The most a stored hash may ask for (N=2^20, 1 GiB): a corrupt row cannot exhaust memory.
const MAX_LOG2_N = 20;

export function currentParams(): Params {
  return { N: 2 ** passwordHashSettings().PASSWORD_SCRYPT_LOG2_N, r: 8, p: 1 };
}

function slots(): HashSlots {
  return remember(
    "passwordHashSlots",
    () => new HashSlots(passwordHashSettings().PASSWORD_HASH_CONCURRENCY, 64),
  );
}

// `owner`: whose turn the hash takes in the slots' line (hash-slots.ts): the account or email it
// is for. A hash for no one in particular (a script: the seed, tests) is an owner of its own.
function derive(
  password: string,
  salt: Buffer,
  { N, r, p }: Params,
  owner: string,
): Promise<Buffer> {
  // Node refuses unless maxmem exceeds the 128 * N * r bytes scrypt needs (32 MiB by default).
  const maxmem = 128 * N * r + 16 * 1024 * 1024;
  return slots().run(
    owner,
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, keyLength, { N, r, p, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

const noOne = () => `script:${randomBytes(6).toString("hex")}`;

const format = ({ N, r, p }: Params, salt: Buffer, key: Buffer) =>
  ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");

function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const [scheme, N, r, p, salt, key, ...rest] = stored.split("$");
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  const sane =
    Number.isInteger(Math.log2(params.N)) &&
    params.N >= 2 &&
    params.N <= 2 ** MAX_LOG2_N &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= 32 &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= 16;
  if (scheme !== "scrypt" || !salt || !key || rest.length > 0 || !sane) return null;
  return { params, salt: Buffer.from(salt, "base64"), key: Buffer.from(key, "base64") };
}

export async function hashPassword(password: string, owner = noOne()): Promise<string> {
  const params = currentParams();
  const salt = randomBytes(16);
  return format(params, salt, await derive(password, salt, params, owner));
}

export async function verifyPassword(
  password: string,
  stored: string,
  owner = noOne(),
): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params, owner);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

// True when the stored hash was made with other parameters than today's (a lower cost, before
// it was raised): sign-in then stores a new hash of the password it just verified.
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  const now = currentParams();
  return (
    !parsed || parsed.params.N !== now.N || parsed.params.r !== now.r || parsed.params.p !== now.p
  );
}

// Sign-in verifies against this when the account does not exist: one derivation at today's
// cost, as for a real account, so the response time does not tell which emails have accounts.
// Random salt and key, no derivation to make it: nothing extra on the first unknown email.
export function decoyHash(): string {
  return format(currentParams(), randomBytes(16), randomBytes(keyLength));
}
