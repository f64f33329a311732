import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/http/api";
import {
  databaseWasUnreachable,
  markingOutages,
  withOutageRecord,
} from "@/lib/platform/database-outage";
import { db } from "@/lib/platform/db";
import { DATABASE_UNAVAILABLE_DIGEST, isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { DATABASE_AWAY, expectServiceUnavailable } from "../helpers/errors";

// Postgres stopped (`pg_ctl -m immediate`) under a running query: node-postgres fails it with a
// plain Error, no code, that the pg adapter passes on unread. The app then asks Postgres whether it
// answers, and only an outage becomes a 503. A TCP proxy in front of the test database stands in
// for Postgres going away, or for just one connection dropping while Postgres stays up.
async function proxyToPostgres() {
  const url = new URL(process.env.DATABASE_URL as string);
  const postgres = { port: Number(url.port || 5432), host: url.hostname };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {}); // destroyed on purpose
  };
  const server = createServer((client) => {
    const upstream = connect(postgres.port, postgres.host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  url.port = String(port);
  url.hostname = "127.0.0.1";
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: url.toString(),
    /** One connection lost, Postgres still there. */
    dropConnections,
    /** Postgres gone: nothing listens any more, and the open connections end. */
    stop: () => {
      server.close();
      dropConnections();
    },
  };
}

// Waits until the statement runs in Postgres, so the connection drops under it.
async function untilRunning(statement: string) {
  await expect
    .poll(async () => {
      const rows = await db.$queryRaw<unknown[]>`
        SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND query = ${statement}`;
      return rows.length;
    })
    .toBe(1);
}

type Proxy = Awaited<ReturnType<typeof proxyToPostgres>>;

describe("a connection lost under a running query", () => {
  const opened: { client: PrismaClient; proxy: Proxy }[] = [];
  afterEach(async () => {
    for (const { client, proxy } of opened.splice(0)) {
      proxy.stop();
      await client.$disconnect();
    }
  });

  // A query through the proxy, and the connection broken while Postgres runs it. The statement
  // is named after the test: a backend of an earlier test may still be sleeping.
  async function failedQuery(name: string, breakConnection: (proxy: Proxy) => void) {
    const proxy = await proxyToPostgres();
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: proxy.url }) });
    opened.push({ client, proxy });
    const statement = `SELECT pg_sleep(2) AS "${name}"`;
    return withOutageRecord(async () => {
      const query = markingOutages(client)
        .$queryRawUnsafe(statement)
        .catch((e: unknown) => e);
      await untilRunning(statement);
      breakConnection(proxy);
      const error = await query;
      return { error, requestMarked: databaseWasUnreachable() };
    });
  }

  it("answers 503 when Postgres is gone", async () => {
    const { error, requestMarked } = await failedQuery("gone", (proxy) => proxy.stop());
    // The raw error of node-postgres, as `pg_ctl -m immediate` under load produces it.
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty("code");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(requestMarked).toBe(true);
    expect(error).toHaveProperty("digest", DATABASE_UNAVAILABLE_DIGEST);
    await expectServiceUnavailable(errorResponse(error), DATABASE_AWAY);
  });

  // A connection cut by a proxy, a load balancer or the network: the same query on a new
  // connection works, so it is "try again", not a bug of the page.
  it("answers 503 when one connection drops and Postgres still answers", async () => {
    const { error, requestMarked } = await failedQuery("still-there", (proxy) =>
      proxy.dropConnections(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty("code");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(requestMarked).toBe(true);
    await expectServiceUnavailable(errorResponse(error), DATABASE_AWAY);
  });
});

// An error no rule names (no code, no kind, a message node-postgres does not use): the client asks
// Postgres whether it answers. A query hook that throws such an error stands in for it; the probe
// itself is real, through a proxy that can stop.
describe("an error nothing names", () => {
  const opened: { client: PrismaClient; proxy: Proxy }[] = [];
  afterEach(async () => {
    for (const { client, proxy } of opened.splice(0)) {
      proxy.stop();
      await client.$disconnect();
    }
  });

  async function throwingUnnamedErrors() {
    const proxy = await proxyToPostgres();
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: proxy.url }) });
    opened.push({ client, proxy });
    const probes = vi.spyOn(client, "$queryRaw");
    // Query extensions run in the order they were added: the outage marking first, then the hook
    // that fails in its place of the query; the probe goes to `client` itself.
    const marked = markingOutages(client).$extends({
      query: {
        async $allOperations() {
          throw new Error("something no rule names");
        },
      },
    });
    const failedCount = () =>
      withOutageRecord(async () => {
        const error = await marked.post.count().catch((e: unknown) => e);
        return { error, requestMarked: databaseWasUnreachable() };
      });
    return { proxy, probes, failedCount };
  }

  it("keeps 500 when Postgres answers", async () => {
    const { probes, failedCount } = await throwingUnnamedErrors();
    const { error, requestMarked } = await failedCount();
    expect(probes).toHaveBeenCalledTimes(1);
    expect(requestMarked).toBe(false);
    expect(error).not.toHaveProperty("digest");
    expect(errorResponse(error).status).toBe(500);
  });

  it("answers 503 when Postgres does not", async () => {
    const { proxy, failedCount } = await throwingUnnamedErrors();
    proxy.stop();
    const { error, requestMarked } = await failedCount();
    expect(requestMarked).toBe(true);
    expect(error).toHaveProperty("digest", DATABASE_UNAVAILABLE_DIGEST);
    await expectServiceUnavailable(errorResponse(error), DATABASE_AWAY);
  });

  // Every failing request would otherwise start a probe of its own, each waiting for a pool
  // connection: requests are what a stranger can multiply.
  it("asks Postgres once for many errors at the same moment", async () => {
    const { proxy, probes, failedCount } = await throwingUnnamedErrors();
    proxy.stop();
    const answers = await Promise.all([1, 2, 3, 4].map(failedCount));
    for (const { requestMarked } of answers) expect(requestMarked).toBe(true);
    expect(probes).toHaveBeenCalledTimes(1);
  });
});
