// Every Redis key the library writes, in one place: `<namespace>:<key>` for values, and a few
// reserved first segments (`lock:`, `memo:`, `group:`, `stats`) for its own bookkeeping.
import { createHash } from "node:crypto";

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
  memoVersion(name: string): string {
    return `${this.namespace}:memo:{${name}}:version`;
  }

  groupVersion(name: string): string {
    return `${this.namespace}:group:${name}:version`;
  }

  // A cache key (relative to the namespace) for one memoized call under one version.
  memoEntry(name: string, version: string, argsText: string): string {
    return `memo:{${name}}:v${version}:${shortHash(argsText)}`;
  }

  // SCAN MATCH treats * ? [ ] \ as glob syntax; a namespace is matched literally.
  pattern(): string {
    return `${this.namespace.replace(/[*?[\]\\]/g, "\\$&")}:*`;
  }
}

// 128 bits of SHA-256: collisions are not a practical concern, and keys stay short.
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}
