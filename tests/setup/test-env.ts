// Tests never touch the development database or Redis DB 0: they get their own.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/blog_test";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/15";
process.env.STATIC_CACHE_DB ??= "14";
process.env.REALTIME_CHANNEL_PREFIX ??= "test-events";
process.env.SESSION_SECRET ??= "test-session-secret-that-is-at-least-32-chars";
(process.env as Record<string, string>).NODE_ENV ??= "test";
// Cheaper password hashes than production's N=2^17 (README, "Configuration").
process.env.PASSWORD_SCRYPT_LOG2_N ??= "12";
