import { listApiKeys } from "@/lib/domains/api-keys";
import { formatDate } from "@/lib/platform/format";
import { ApiKeyCreateForm } from "./ApiKeyCreateForm";
import { ApiKeyRevokeButton } from "./ApiKeyRevokeButton";

export async function ApiKeys({ userId }: { userId: number }) {
  const keys = await listApiKeys(userId);
  return (
    <div className="stack" data-testid="api-keys">
      <p>
        Send a key in the <code>X-API-Key</code> header to use the API as yourself, e.g. to{" "}
        <code>POST /api/posts</code>. Revoke a key you no longer use, or that someone else may have
        seen.
      </p>
      {keys.length === 0 ? (
        <p className="meta">You have no API keys.</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {keys.map((key) => (
            <li
              key={key.id}
              className="actions"
              data-testid="api-key"
              style={key.revokedAt ? { opacity: 0.6 } : undefined}
            >
              <div style={{ flex: 1 }}>
                <strong>{key.name}</strong> <code data-testid="api-key-id">{key.prefix}…</code>
                <div className="meta">
                  <span>Created {formatDate(key.createdAt)}</span>
                  <span>
                    {key.lastUsedAt ? `Last used ${formatDate(key.lastUsedAt)}` : "Never used"}
                  </span>
                  {key.revokedAt && (
                    <span className="badge">Revoked {formatDate(key.revokedAt)}</span>
                  )}
                </div>
              </div>
              {!key.revokedAt && <ApiKeyRevokeButton id={key.id} name={key.name} />}
            </li>
          ))}
        </ul>
      )}
      <ApiKeyCreateForm />
    </div>
  );
}
