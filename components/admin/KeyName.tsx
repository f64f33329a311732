import { asText, showLine } from "@/lib/admin/printable";

// A Redis key as text a person can trust: control and invisible characters escaped, a binary
// key in hex, a long key cut with its full length said. React escapes the rest (`<script>`).
export function KeyName({ name, max = 160 }: { name: Buffer; max?: number }) {
  const text = asText(name);
  if (text === null) {
    const hex = showLine(name.toString("hex"), max);
    return (
      <code className="key-name binary" title="not UTF-8 text: shown in hex">
        0x{hex.text}
        {hex.truncated && <span className="cut"> … ({name.length} bytes)</span>}
      </code>
    );
  }
  const shown = showLine(text, max);
  return (
    <code className="key-name">
      {shown.text}
      {shown.truncated && (
        <span className="cut"> … ({shown.length.toLocaleString("en-US")} characters)</span>
      )}
    </code>
  );
}
