// One stored page: a small JSON header and the body compressed once, with gzip and, where it
// is clearly smaller, brotli. Stored as one binary value so a hit is one GET and no
// recompression: `PAGE1` + uint32 header length + header JSON + gzip bytes + brotli bytes.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

interface PageMeta {
  status: number;
  headers: [string, string][];
  etag: string;
  storedAt: number;
  freshUntil: number;
  tags: string[];
  /** Its tags' generations (with `all`) before its render: it is served while they are current. */
  generations?: string[];
  gzipBytes: number;
  brotliBytes: number;
}

export interface PageEntry {
  meta: PageMeta;
  gzip: Buffer;
  brotli: Buffer | null;
}

const MAGIC = Buffer.from("PAGE1");
// Brotli is kept only when it saves at least this share over gzip.
const BROTLI_MIN_SAVING = 0.05;

export function buildEntry(
  page: { status: number; headers: [string, string][]; body: Buffer; tags: string[] },
  freshSeconds: number,
  now = Date.now(),
): PageEntry {
  const gzip = gzipSync(page.body, { level: 6 });
  const brotli = brotliCompressSync(page.body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length,
    },
  });
  const keepBrotli = brotli.length <= gzip.length * (1 - BROTLI_MIN_SAVING);
  const meta: PageMeta = {
    status: page.status,
    headers: page.headers,
    etag: `"${createHash("sha256").update(page.body).digest("base64url").slice(0, 27)}"`,
    storedAt: now,
    freshUntil: now + freshSeconds * 1000,
    tags: page.tags,
    gzipBytes: gzip.length,
    brotliBytes: keepBrotli ? brotli.length : 0,
  };
  return { meta, gzip, brotli: keepBrotli ? brotli : null };
}

export function encodeEntry(entry: PageEntry): Buffer {
  const header = Buffer.from(JSON.stringify(entry.meta));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([MAGIC, length, header, entry.gzip, entry.brotli ?? Buffer.alloc(0)]);
}

/** The entry, or null for bytes that are not one (an old format, a foreign value). */
export function decodeEntry(bytes: Buffer, parse = parseMeta): PageEntry | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return null;
  const headerEnd = MAGIC.length + 4 + bytes.readUInt32BE(MAGIC.length);
  if (headerEnd > bytes.length) return null;
  const meta = parse(bytes.subarray(MAGIC.length + 4, headerEnd));
  if (!meta) return null;
  const gzipEnd = headerEnd + meta.gzipBytes;
  if (gzipEnd + meta.brotliBytes !== bytes.length) return null;
  return {
    meta,
    gzip: bytes.subarray(headerEnd, gzipEnd),
    brotli: meta.brotliBytes > 0 ? bytes.subarray(gzipEnd) : null,
  };
}

function parseMeta(header: Buffer): PageMeta | null {
  try {
    return JSON.parse(header.toString("utf8")) as PageMeta;
  } catch {
    return null;
  }
}

/**
 * decodeEntry that parses each stored version's header once: the HITs of a page read the same
 * bytes until it is stored again, and its JSON header (2 to 3 kB: the headers, the policy's
 * script hashes) is the largest part of a HIT's own work. Remembers the last header of at most
 * `maxKeys` keys, dropping the oldest. The meta it returns is shared: never changed in place.
 */
export class EntryDecoder {
  private readonly last = new Map<string, { header: Buffer; meta: PageMeta }>();

  constructor(private readonly maxKeys: number) {}

  decode(key: string, bytes: Buffer): PageEntry | null {
    return decodeEntry(bytes, (header) => {
      const known = this.last.get(key);
      if (known?.header.equals(header)) return known.meta;
      const meta = parseMeta(header);
      if (!meta) return null;
      this.last.delete(key);
      if (this.last.size >= this.maxKeys) this.last.delete(this.last.keys().next().value as string);
      // A copy: a view would keep the whole stored page alive.
      this.last.set(key, { header: Buffer.from(header), meta });
      return meta;
    });
  }
}
