import { appTestEnv } from "../settings";

// Tests never touch the development database or Redis DBs: they get their own (tests/settings.ts),
// whatever DATABASE_URL or REDIS_URL the shell has.
Object.assign(process.env, appTestEnv);
(process.env as Record<string, string>).NODE_ENV ??= "test";
// Cheaper password hashes than production's N=2^17 (README, "Configuration").
process.env.PASSWORD_SCRYPT_LOG2_N ??= "12";
