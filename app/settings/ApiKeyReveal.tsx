"use client";
import { useState } from "react";

// The only time the key is shown: it is not stored, so it cannot be shown again.
export function ApiKeyReveal({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(token);
    setCopied(true);
  }
  return (
    <div className="alert success stack" role="status" data-testid="new-api-key">
      <p style={{ margin: 0 }}>
        <strong>Your new key “{name}”.</strong> Copy it now: it will not be shown again. Keep it
        secret, like a password.
      </p>
      <div className="actions">
        <input
          type="text"
          readOnly
          value={token}
          aria-label="New API key"
          data-testid="new-api-key-value"
          onFocus={(event) => event.currentTarget.select()}
          style={{ flex: 1, fontFamily: "var(--mono)", padding: "0.5rem", minWidth: 0 }}
        />
        <button type="button" className="btn secondary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
