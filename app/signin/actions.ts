"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/auth/session";
import { type FormState, failedForm, formValues } from "@/lib/form-state";
import { limitSignInAttempts } from "@/lib/rate-limit/signin";
import { safeNextPath } from "@/lib/safe-next";
import { authenticate } from "@/lib/users/mutations";

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
