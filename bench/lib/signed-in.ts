// A signed-in reader for the HTTP benchmarks: a session for the author of the most viewed
// published post, made as sign-in makes it (lib/domains/auth/session.ts), and that post's slug.
import { Redis } from "ioredis";
import { sealData } from "iron-session";
import pg from "pg";
import { SessionStore } from "@/lib/domains/auth/session-store";

export async function signedInAuthor(
  databaseUrl: string,
  redisUrl: string,
  secret: string,
): Promise<{ cookie: string; slug: string }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ author_id: number; slug: string }>(
    "SELECT author_id, slug FROM posts WHERE published ORDER BY view_count DESC LIMIT 1",
  );
  await db.end();
  if (rows.length === 0) throw new Error("no posts: seed the database first (npm run db:seed)");
  const redis = new Redis(redisUrl);
  const days = Number(process.env.SESSION_REMEMBER_DAYS ?? 30);
  const sid = await new SessionStore(redis, {
    idleSeconds: 86_400,
    rememberSeconds: days * 86_400,
  }).create(rows[0].author_id, true);
  redis.disconnect();
  const sealed = await sealData({ sid }, { password: secret, ttl: days * 86_400 });
  return { cookie: `blog_session=${sealed}`, slug: rows[0].slug };
}
