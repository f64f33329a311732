// Shared by the admin integration tests: a client of the test Redis that records the name of
// every command it sends (to prove what was never sent), and key cleanup by prefix.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const uniquePrefix = (label: string) =>
  `test:admin:${label}:${randomBytes(4).toString("hex")}`;

export function recordingClient(url = process.env.REDIS_URL!): Redis & { commands: string[] } {
  const client = new Redis(url) as Redis & { commands: string[] };
  client.commands = [];
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    client.commands.push(args[0].name.toLowerCase());
    return send(...args);
  };
  return client;
}

export async function deleteByPattern(client: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== "0");
}
