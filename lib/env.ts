import { z } from "zod";

// The one reader of process.env. Everything is validated once, with a readable list of what is
// wrong, so a misconfigured server refuses to start instead of failing on the first request.
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required, e.g. postgresql://postgres@127.0.0.1:5432/blog" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .default("redis://localhost:6379/0"),
  SESSION_SECRET: z
    .string({ error: "is required: 32 or more random characters (openssl rand -hex 32)" })
    .min(32, "must be at least 32 characters long (openssl rand -hex 32)"),
  SESSION_IDLE_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  SESSION_REMEMBER_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  CACHE_DEFAULT_TIMEOUT: z.coerce.number().int().min(1).default(300),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).default(500),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(262_144),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvPart(schema, source);
}

// For scripts (migrate, seed) that need the database and nothing else.
export function databaseUrl(): string {
  return parseEnvPart(schema.pick({ DATABASE_URL: true }), process.env).DATABASE_URL;
}

function parseEnvPart<T extends z.ZodType>(part: T, source: Record<string, string | undefined>): z.infer<T> {
  const result = part.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
