import type { z } from "zod";
import { AppError, type FieldErrors, notFound } from "@/lib/platform/errors";

// zod issues → one message per field, the first problem of each, in words a person reads.
function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join(".") || "body";
    fields[name] ??= issue.message;
  }
  return fields;
}

// Postgres text cannot hold U+0000; a string carrying one would fail as a database error (500).
function fieldWithNul(input: unknown, path: string[] = []): string | null {
  if (typeof input === "string") return input.includes("\u0000") ? path.join(".") || "body" : null;
  if (input === null || typeof input !== "object") return null;
  for (const [key, value] of Object.entries(input)) {
    const found = fieldWithNul(value, [...path, key]);
    if (found) return found;
  }
  return null;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const nul = fieldWithNul(input);
  if (nul)
    throw new AppError("validation_failed", "Some fields need attention.", {
      [nul]: "Remove the null character (U+0000).",
    });
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation_failed", "Some fields need attention.", fieldErrors(result.error));
}

// Ids arrive from URLs and from server-action arguments, which a client can change: anything but
// a positive 32-bit integer names nothing, rather than reaching the database as a type error.
export function assertId(value: unknown, what: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 2_147_483_647)
    return value;
  throw notFound(what);
}
