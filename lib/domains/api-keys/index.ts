// API keys: made and revoked in Settings, sent as the X-API-Key header and checked by
// lib/domains/auth/api-key.ts.
export { createApiKey, MAX_ACTIVE_API_KEYS, revokeAllApiKeys, revokeApiKey } from "./mutations";
export { countActiveApiKeys, listApiKeys } from "./queries";
