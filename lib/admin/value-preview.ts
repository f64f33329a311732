import "server-only";
import { inspect } from "node:util";
import { asText, hexDump, type Shown, showBlock } from "@/lib/admin/printable";
import { deserialize } from "@/lib/cache";

// A stored value made readable: a cache library entry shows its typed value (Dates, Maps, Sets
// and BigInts as what they are) and when it stops being fresh; other JSON is pretty-printed;
// text is text; anything else is a hex dump. Everything is cut to a bounded size.
export type Preview =
  | ({ kind: "cache-entry"; freshUntil: number } & Shown)
  | ({ kind: "json" } & Shown)
  | ({ kind: "text" } & Shown)
  | ({ kind: "binary"; bytes: number } & Shown);

const HEX_BYTES = 512;

/**
 * `complete` says whether `bytes` is the whole value (a long string is read only in part, and
 * then is shown as text without trying to parse it).
 */
export function previewBytes(bytes: Buffer, maxChars: number, complete = true): Preview {
  const text = asText(bytes);
  if (text === null) return { kind: "binary", ...hexDump(bytes, HEX_BYTES), bytes: bytes.length };
  const decoded = complete ? decodeJson(text) : undefined;
  if (isCacheEntry(decoded)) {
    return {
      kind: "cache-entry",
      freshUntil: decoded.f,
      ...showBlock(describe(decoded.v), maxChars),
    };
  }
  if (typeof decoded === "object" && decoded !== null)
    return { kind: "json", ...showBlock(JSON.stringify(JSON.parse(text), null, 2), maxChars) };
  return { kind: "text", ...showBlock(text, maxChars) };
}

// The cache library's typed JSON first (it is JSON with a few tagged objects), plain JSON second.
function decodeJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return deserialize(text);
  } catch {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}

// lib/cache/entry.ts: {"f": fresh until (epoch ms), "d": loader ms, "v": the typed value}.
function isCacheEntry(value: unknown): value is { f: number; d: number; v: unknown } {
  if (typeof value !== "object" || value === null || value instanceof Map || Array.isArray(value))
    return false;
  const keys = Object.keys(value);
  const entry = value as Record<string, unknown>;
  return (
    keys.length === 3 && typeof entry.f === "number" && typeof entry.d === "number" && "v" in entry
  );
}

/** A decoded value as Node prints it: types visible, nesting and long arrays bounded. */
function describe(value: unknown): string {
  return inspect(value, {
    depth: 8,
    maxArrayLength: 100,
    maxStringLength: 2_000,
    breakLength: 100,
    compact: 3,
    sorted: false,
  });
}
