import { expect } from "vitest";
import { AppError } from "@/lib/platform/errors";

/** The AppError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** What the API says while Postgres is down or restarting (lib/platform/db-errors.ts). */
export const DATABASE_AWAY =
  "The database is not answering right now. Please try again in a moment.";

/** The API's answer when Postgres cannot serve the request: 503, when to retry, and a JSON error saying why. */
export async function expectServiceUnavailable(response: Response, message: string): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(await response.json()).toEqual({ error: { code: "service_unavailable", message } });
}
