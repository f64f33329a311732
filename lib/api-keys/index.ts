// API keys: made and revoked in Settings, sent as the X-API-Key header.
export { API_KEY_HEADER, activeApiKeyId, authenticateApiKey } from "@/lib/auth/api-key";
export { createApiKey, MAX_ACTIVE_API_KEYS } from "./create";
export { countActiveApiKeys, listApiKeys } from "./list";
export { revokeAllApiKeys, revokeApiKey } from "./revoke";
export type { ApiKeySummary } from "./summary";
