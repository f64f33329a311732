import type { Preview } from "@/lib/admin/value-preview";

const KIND = {
  "cache-entry": "cache entry (lib/cache), typed value",
  json: "JSON",
  text: "text",
  binary: "binary, hex dump",
} as const;

// A decoded value, as text only (React escapes it): never injected as HTML.
export function ValuePreview({
  preview,
  compact = false,
}: {
  preview: Preview;
  compact?: boolean;
}) {
  const total =
    preview.kind === "binary"
      ? `${preview.bytes.toLocaleString("en-US")} bytes`
      : `${preview.length.toLocaleString("en-US")} characters`;
  return (
    <div className={compact ? "value-preview compact" : "value-preview"} data-kind={preview.kind}>
      {!compact && (
        <p className="meta">
          <span className="badge">{KIND[preview.kind]}</span>
          {preview.kind === "cache-entry" && (
            <span data-testid="freshness">
              fresh until{" "}
              {new Date(preview.freshUntil).toISOString().replace("T", " ").slice(0, 19)} UTC
              {preview.freshUntil < Date.now() ? ": stale now, served while one refresh runs" : ""}
            </span>
          )}
        </p>
      )}
      <pre data-testid={compact ? undefined : "value"}>{preview.text}</pre>
      {preview.truncated && (
        <p className="meta cut" data-testid="value-truncated">
          Cut: showing the start of {total}.
        </p>
      )}
    </div>
  );
}
