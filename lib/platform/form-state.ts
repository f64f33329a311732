import { AppError, type FieldErrors } from "@/lib/platform/errors";

// What a server action returns to its form: a message, errors per field, and what the person
// typed (never passwords), so the form re-renders with their input and the errors beside it.
export type FormState = {
  ok?: boolean;
  message?: string;
  fields?: FieldErrors;
  values?: Record<string, string>;
};

export const initialFormState: FormState = {};

export function formValues(formData: FormData, keep: readonly string[]): Record<string, string> {
  return Object.fromEntries(keep.map((name) => [name, String(formData.get(name) ?? "")]));
}

// Expected failures become form state; anything else is a bug and goes to the error page.
export function failedForm(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof AppError) return { message: error.message, fields: error.fields, values };
  throw error;
}
