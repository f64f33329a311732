// API keys: made and revoked in Settings, sent as the X-API-Key header and checked by
// lib/domains/auth/api-key.ts. A domain on Postgres alone (no Redis): uses lib/platform/ and the
// users domain. Settings imports this barrel; auth/api-key.ts imports queries.ts, mutations.ts
// and token.ts directly.
//   token.ts           the key's form blog_<8 hex>_<secret>, making one, its sha256, a shape check
//   mutations.ts       createApiKey (at most 10 active, shown once), revoke one or all, mark used
//   queries.ts         listApiKeys, countActiveApiKeys, findApiKeyByToken (by hash, unique index)
//   summary.ts         what Settings shows of a key (the Prisma select): never its hash
//   schemas.ts         a key's name (1 to 60 characters) and id
//   after-sign-out.ts  what a person is told of their keys after ending sessions
export { createApiKey, MAX_ACTIVE_API_KEYS, revokeAllApiKeys, revokeApiKey } from "./mutations";
export { countActiveApiKeys, listApiKeys } from "./queries";
