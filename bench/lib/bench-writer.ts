// The author the benchmark posts as: a user and an API key written straight into the benchmark's
// database (the key in the app's own format, only its hash stored), removed afterwards with
// everything the user wrote.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { generateApiKey } from "../../lib/domains/api-keys/token";

export type Writer = { headers: Record<string, string>; remove: () => Promise<void> };

export async function createWriter(sql: pg.Client): Promise<Writer> {
  const username = `bench_${randomBytes(4).toString("hex")}`;
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO users (email, username, name, password_hash, updated_at)
     VALUES ($1, $2, 'Benchmark', 'no password: signs in with an API key only', now()) RETURNING id`,
    [`${username}@bench.example`, username],
  );
  const userId = rows[0].id;
  const { token, prefix, hash } = generateApiKey();
  await sql.query(
    `INSERT INTO api_keys (user_id, name, prefix, hash) VALUES ($1, 'hostile bench', $2, $3)`,
    [userId, prefix, hash],
  );
  return {
    headers: { "X-API-Key": token },
    remove: async () => void (await sql.query("DELETE FROM users WHERE id = $1", [userId])),
  };
}
