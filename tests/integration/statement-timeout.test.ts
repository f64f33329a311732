import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/http/api";
import { db } from "@/lib/platform/db";
import { isStatementTimeout } from "@/lib/platform/db-errors";
import { databaseSettings } from "@/lib/platform/env";
import { expectServiceUnavailable } from "../helpers/errors";

// A backstop for statements gone wrong (issue 9): Postgres cancels them after
// DB_STATEMENT_TIMEOUT_MS, and the API answers 503 instead of 500.
describe("statement timeout", () => {
  it("is set on the app's connections", async () => {
    // pg_settings gives it in milliseconds.
    const [{ setting }] = await db.$queryRaw<
      { setting: string }[]
    >`SELECT setting FROM pg_settings WHERE name = 'statement_timeout'`;
    expect(Number(setting)).toBe(databaseSettings().DB_STATEMENT_TIMEOUT_MS);
    expect(Number(setting)).toBeGreaterThan(0);
  });

  it("cancels a statement that runs past it, answered 503 with a JSON error", async () => {
    const error = await db
      .$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL statement_timeout = 50`;
        await tx.$queryRaw`SELECT pg_sleep(5)`;
      })
      .catch((e: unknown) => e);
    expect(isStatementTimeout(error)).toBe(true);
    await expectServiceUnavailable(
      errorResponse(error),
      "The database took too long to answer. Please try again in a moment.",
    );
    expect(isStatementTimeout(new Error("canceling statement due to statement timeout"))).toBe(
      false,
    );
  });
});
