"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signUp } from "@/lib/domains/users/mutations";
import { signUpSchema } from "@/lib/domains/users/schemas";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";
import { parseOrThrow } from "@/lib/platform/validation";
import { limitSignUp } from "@/lib/rate-limit/actions";

// A new account and an email that already has one end the same way: on the sign-in form, with
// the same notice and nobody signed in, so the form cannot be used to find out who has an
// account (docs/decisions/012-resource-caps-and-sign-in.md).
export async function signUpAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["email", "username", "name"]);
  try {
    const input = { ...values, password: String(formData.get("password") ?? "") };
    // A form with mistakes costs nothing and does not count; a sign-up hashes a password.
    parseOrThrow(signUpSchema, input);
    await limitSignUp(await headers());
    await signUp(input);
  } catch (error) {
    return failedForm(error, values);
  }
  redirect("/signin?registered=1");
}
