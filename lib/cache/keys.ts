// Every Redis key the library writes, in one place: `<namespace>:<key>` for values, and a few
// reserved first segments (`lock:`, `memo:`, `group:`, `tag:`, `gen:`, `stats`) for its own
// bookkeeping.
import { createHash } from "node:crypto";
import { escapeGlob } from "../redis/scan";

export class Keys {
  constructor(readonly namespace: string) {}

  value(key: string): string {
    return `${this.namespace}:${key}`;
  }

  lock(key: string): string {
    return `${this.namespace}:lock:${key}`;
  }

  stats(): string {
    return `${this.namespace}:stats`;
  }

  // A memoized function's name is a hash tag, {name}: its version key and all its entries share
  // one hash slot, so that one script may read the version and an entry (as Cluster requires).
  // Versions share one prefix of their own, which Redis watches for this process (tracked-keys.ts).
  memoVersion(name: string): string {
    return `${this.memoVersionPrefix()}{${name}}`;
  }

  memoVersionPrefix(): string {
    return `${this.namespace}:memo:version:`;
  }

  groupVersion(name: string): string {
    return `${this.namespace}:group:${name}:version`;
  }

  tag(name: string): string {
    return `${this.namespace}:tag:${name}`;
  }

  // A tag's generation, which its entries carry (tags.ts); watched by prefix, as memo versions are.
  generation(name: string): string {
    return `${this.generationPrefix()}${name}`;
  }

  generationPrefix(): string {
    return `${this.namespace}:gen:`;
  }

  // A cache key (relative to the namespace) for one memoized call under one version.
  memoEntry(name: string, version: string, argsText: string): string {
    return `memo:{${name}}:v${version}:${shortHash(argsText)}`;
  }

  // Every key of the namespace, the namespace matched literally.
  pattern(): string {
    return `${escapeGlob(this.namespace)}:*`;
  }
}

// 128 bits of SHA-256: collisions are not a practical concern, and keys stay short. A memoized
// function is called with the same few arguments again and again, so recent short texts keep
// their hash (a hit's hot path: no hashing); the memory is bounded.
const recentHashes = new Map<string, string>();
const REMEMBERED_HASHES = 4096;
const REMEMBERED_TEXT_LENGTH = 256;

export function shortHash(text: string): string {
  const remembered = recentHashes.get(text);
  if (remembered !== undefined) return remembered;
  const hash = createHash("sha256").update(text).digest("base64url").slice(0, 22);
  if (text.length <= REMEMBERED_TEXT_LENGTH) {
    if (recentHashes.size >= REMEMBERED_HASHES) recentHashes.clear();
    recentHashes.set(text, hash);
  }
  return hash;
}
