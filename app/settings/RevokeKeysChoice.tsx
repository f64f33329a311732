// Ending sessions does not touch API keys: say so, and offer to revoke them in the same step.
export function RevokeKeysChoice({ activeKeys }: { activeKeys: number }) {
  if (activeKeys === 0) return null;
  const keys = activeKeys === 1 ? "your API key" : `your ${activeKeys} API keys`;
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" name="revokeApiKeys" data-testid="revoke-api-keys" /> Also revoke{" "}
        {keys}
      </label>
      <span className="hint">
        API keys are not sessions: unless revoked, {activeKeys === 1 ? "it keeps" : "they keep"}{" "}
        working.
      </span>
    </div>
  );
}
