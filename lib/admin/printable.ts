// Keys and values come from Redis, where anything may have been written. React escapes HTML, so
// `<script>` is shown as text; what is left is what could still mislead a reader or break the
// layout: control characters, invisible and direction-changing characters (which can make a key
// read as another), and sheer length. These become visible escapes, and long text is cut.

// C0/C1 controls, zero-width characters, bidirectional overrides and isolates, the BOM.
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this does
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const HIDDEN_BUT_NEWLINES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this does
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const escapeChar = (char: string) => {
  const code = char.charCodeAt(0);
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
};

export type Shown = { text: string; truncated: boolean; length: number };

/** One line: every control character escaped, cut to `max` characters. */
export function showLine(text: string, max: number): Shown {
  return cut(text.replace(HIDDEN, escapeChar), text.length, max);
}

/** A block of text: line breaks and tabs kept, other hidden characters escaped. */
export function showBlock(text: string, max: number): Shown {
  return cut(text.replace(HIDDEN_BUT_NEWLINES, escapeChar), text.length, max);
}

function cut(text: string, length: number, max: number): Shown {
  if (text.length <= max) return { text, truncated: false, length };
  // Never split a surrogate pair: half an emoji would render as a replacement character.
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return { text: text.slice(0, end), truncated: true, length };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text if they are UTF-8 without control characters (tabs and line breaks allowed). */
export function asText(bytes: Uint8Array): string | null {
  for (const byte of bytes)
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f)
      return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** `xxd`-style lines: offset, 16 bytes in hex, and the printable ASCII beside them. */
export function hexDump(bytes: Uint8Array, maxBytes: number): Shown {
  const shown = bytes.subarray(0, maxBytes);
  const lines: string[] = [];
  for (let offset = 0; offset < shown.length; offset += 16) {
    const row = shown.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0")).join(" ");
    const ascii = Array.from(row, (b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".",
    ).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return { text: lines.join("\n"), truncated: bytes.length > maxBytes, length: bytes.length };
}
