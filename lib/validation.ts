import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

// zod issues → one message per field, the first problem of each, in words a person reads.
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join(".") || "body";
    fields[name] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation_failed", "Some fields need attention.", fieldErrors(result.error));
}
