import { once } from "node:events";
import { createServer, type RequestListener } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/http/api";
import { applyStatusHeader } from "@/lib/http/response-status";
import { markingOutages, withOutageRecord } from "@/lib/platform/database-outage";
import { db } from "@/lib/platform/db";
import { DATABASE_UNAVAILABLE_DIGEST, isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { freePort } from "../../scripts/app-server";
import { DATABASE_AWAY, expectServiceUnavailable } from "../helpers/errors";

// Postgres down or restarting (issue 9, part 6: measured by `npm run bench:faults`): the API
// answers 503 with a JSON error that says so, never a 500. The errors are real ones, from the
// app's own driver: a port where nothing listens, and a connection Postgres ends.

describe("database unreachable", () => {
  const nowhere = freePort().then(
    (port) =>
      new PrismaClient({
        adapter: new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${port}/none` }),
      }),
  );
  afterAll(async () => (await nowhere).$disconnect());

  it("answers 503 when nothing listens where Postgres should be", async () => {
    const error = await (await nowhere).post.count().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expectServiceUnavailable(errorResponse(error), DATABASE_AWAY);
  });

  it("answers 503 when Postgres ends the connection (a shutdown or restart)", async () => {
    const error = await db
      .$transaction(async (tx) => tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`)
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(errorResponse(error).status).toBe(503);
  });

  it("leaves other database errors to the generic 500", async () => {
    const error = await db.$queryRaw`SELECT 1/0`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(errorResponse(error).status).toBe(500);
  });
});

// Pages: Next answers 500 for a render that threw. server.ts runs each request with an outage
// record and applyStatusHeader, as here; the app's client (markingOutages) marks the request.
describe("a page whose render meets an unreachable database", () => {
  async function serve(listener: RequestListener): Promise<Response> {
    const server = createServer((req, res) =>
      withOutageRecord(() => {
        applyStatusHeader(res);
        listener(req, res);
      }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as { port: number };
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      await response.text();
      return response;
    } finally {
      server.close();
    }
  }
  const failWith = (query: () => Promise<unknown>) =>
    (async (_req, res) => {
      const error = await query().catch((e: { digest?: string }) => e);
      res.statusCode = 500; // what Next does with a render that threw
      res.end(String((error as { digest?: string }).digest));
    }) satisfies RequestListener;

  it("answers 503 with Retry-After, and the error carries the digest the error page reads", async () => {
    const port = await freePort();
    const client = markingOutages(
      new PrismaClient({
        adapter: new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${port}/none` }),
      }),
    );
    let digest: string | undefined;
    const response = await serve(
      failWith(() =>
        client.post.count().catch((e: { digest?: string }) => {
          digest = e.digest;
          throw e;
        }),
      ),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    await client.$disconnect();
  });

  it("keeps 500 for any other failure", async () => {
    const response = await serve(failWith(() => db.$queryRaw`SELECT 1/0`));
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });
});
