// Where a service's URL points and what answers there: whether anything listens on the port at
// all (a refused connection means nothing does, so one may be started there), and whether what
// answers is the Postgres or Redis the URL describes. Answers are sentences for people, not errors.
import { connect } from "node:net";
import Redis from "ioredis";
import pg from "pg";
import { errorMessage } from "../../lib/util/error-message";

export type Endpoint = { host: string; port: number };

/** A URL with its password hidden, for messages. */

export function endpointOf(url: string, defaultPort: number): Endpoint {
  const { hostname, port } = new URL(url);
  return { host: hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(port || defaultPort) };
}

/** The addresses this machine alone can reach: only there may a service be started for a URL. */
export const isLocal = (host: string) => ["localhost", "127.0.0.1", "::1"].includes(host);

const refused = (error: unknown): boolean => {
  const { code, errors } = error as { code?: string; errors?: unknown[] };
  return code === "ECONNREFUSED" || (Array.isArray(errors) && errors.every(refused));
};

/** true when something accepts a TCP connection there, false when the connection is refused; throws otherwise. */
export function listening({ host, port }: Endpoint, timeoutMs = 3_000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    );
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error) => (refused(error) ? resolve(false) : reject(error)));
  });
}

/** null when Postgres answers at the URL's server (its `postgres` database) as the URL's user, else why not. */
export async function postgresProblem(url: string): Promise<string | null> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return errorMessage(error) || String((error as { code?: string }).code);
  } finally {
    await client.end().catch(() => {});
  }
}

/** null when Redis answers PING at the URL, else why not. */
export async function redisProblem(url: string): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return errorMessage(error);
  } finally {
    client.disconnect();
  }
}
