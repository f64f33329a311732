import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isDatabaseUnreachable } from "@/lib/db-errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/http";
import { freePort } from "../../scripts/app-server";

// Postgres down or restarting (issue 9, part 6: measured by `npm run bench:faults`): the API
// answers 503 with a JSON error that says so, never a 500. The errors are real ones, from the
// app's own driver: a port where nothing listens, and a connection Postgres ends.
const unavailable = {
  error: {
    code: "service_unavailable",
    message: "The database is not answering right now. Please try again in a moment.",
  },
};

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
    expect(isDatabaseUnreachable(error)).toBe(true);
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(unavailable);
  });

  it("answers 503 when Postgres ends the connection (a shutdown or restart)", async () => {
    const error = await db
      .$transaction(async (tx) => tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`)
      .catch((e: unknown) => e);
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(errorResponse(error).status).toBe(503);
  });

  it("leaves other database errors to the generic 500", async () => {
    const error = await db.$queryRaw`SELECT 1/0`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnreachable(error)).toBe(false);
    expect(errorResponse(error).status).toBe(500);
  });
});
