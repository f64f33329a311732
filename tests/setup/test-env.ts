import { vitestAppEnv } from "../settings";

// Tests never touch the development database or Redis DBs: they get their own (tests/settings.ts),
// whatever DATABASE_URL or REDIS_URL the shell has.
Object.assign(process.env, vitestAppEnv);
(process.env as Record<string, string>).NODE_ENV ??= "test";
