"use server";
import { redirect } from "next/navigation";
import { failedForm, formValues, type FormState } from "@/lib/form-state";
import { startSession } from "@/lib/session";
import { registerUser } from "@/lib/users/mutations";

export async function signUpAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["email", "username", "name"]);
  try {
    const user = await registerUser({ ...values, password: String(formData.get("password") ?? "") });
    await startSession(user.id, false);
  } catch (error) {
    return failedForm(error, values);
  }
  redirect("/");
}
