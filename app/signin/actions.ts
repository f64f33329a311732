"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/domains/auth/session";
import { authenticate } from "@/lib/domains/users/mutations";
import { safeNextPath } from "@/lib/http/safe-next";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";
import { limitSignInAttempts } from "@/lib/rate-limit/signin";

export async function signInAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["email", "next"]);
  try {
    await limitSignInAttempts(values.email, await headers(), async () => {
      const { user, remember } = await authenticate({
        email: values.email,
        password: String(formData.get("password") ?? ""),
        remember: formData.get("remember") === "on",
      });
      await startSession(user.id, remember);
    });
  } catch (error) {
    return failedForm(error, values);
  }
  redirect(safeNextPath(values.next));
}
