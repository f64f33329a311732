import { createHash } from "node:crypto";
import type { RedisClient } from "./client";
import { replyCode } from "./errors";

// A Lua script called by its SHA, sent whole only when Redis does not know it yet (first use,
// or after a restart). Each decision that reads and writes several keys is one script, so it is
// atomic. Plain EVALSHA rather than ioredis' defineCommand: a command defined while an
// auto-pipelined batch is pending is missing from that batch (ioredis issue #1931).
export function luaScript<R>(lua: string) {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (
    client: RedisClient,
    keys: string[],
    args: (string | number)[] = [],
  ): Promise<R> => {
    try {
      return (await client.evalsha(sha, keys.length, ...keys, ...args)) as R;
    } catch (error) {
      if (replyCode(error) !== "NOSCRIPT") throw error;
      return (await client.eval(lua, keys.length, ...keys, ...args)) as R;
    }
  };
}
