import { asText } from "@/lib/admin/printable";
import { AppError } from "@/lib/platform/errors";

// Redis keys are bytes. A key that is UTF-8 text travels in URLs as `?key=<text>` (readable,
// percent-encoded); any other key as `?hex=<bytes in hex>`, so every key can be opened.
export const MAX_KEY_BYTES = 8_192;
// Request lines beyond ~16 kB are refused by Node before any code runs.
const MAX_HREF_CHARS = 12_000;

function keyQuery(key: Buffer): string {
  const text = asText(key);
  return text !== null ? `key=${encodeURIComponent(text)}` : `hex=${key.toString("hex")}`;
}

/** The key page's address, or null for a key too long to put in a URL. */
export function keyHref(key: Buffer): string | null {
  if (key.length > MAX_KEY_BYTES) return null;
  const href = `/admin/cache/key?${keyQuery(key)}`;
  return href.length <= MAX_HREF_CHARS ? href : null;
}

/** The key named by `key` or `hex` (from a URL or a form); a clear error otherwise. */
export function keyFromInput(input: { key?: unknown; hex?: unknown }): Buffer {
  if (typeof input.hex === "string" && input.hex !== "") {
    if (!/^(?:[0-9a-f]{2})+$/i.test(input.hex))
      throw invalid("hex", "Give the key's bytes as pairs of hex digits.");
    return limited(Buffer.from(input.hex, "hex"), "hex");
  }
  if (typeof input.key === "string" && input.key !== "")
    return limited(Buffer.from(input.key, "utf8"), "key");
  throw invalid("key", "Name a key.");
}

function limited(key: Buffer, field: string): Buffer {
  if (key.length > MAX_KEY_BYTES)
    throw invalid(field, `Keys longer than ${MAX_KEY_BYTES} bytes cannot be opened here.`);
  return key;
}

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", message, { [field]: message });
