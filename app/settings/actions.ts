"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failedForm, formValues, type FormState } from "@/lib/form-state";
import { endEverySession, endOtherSessions, requireUser } from "@/lib/session";
import { changePassword, updateProfile } from "@/lib/users/mutations";

export async function updateProfileAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["name", "bio"]);
  try {
    const user = await requireUser();
    await updateProfile(user.id, values);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Your profile is saved.", values };
}

export async function changePasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const read = (name: string) => String(formData.get(name) ?? "");
  try {
    const user = await requireUser();
    await changePassword(user.id, {
      currentPassword: read("currentPassword"),
      newPassword: read("newPassword"),
      confirmPassword: read("confirmPassword"),
    });
    await endOtherSessions();
  } catch (error) {
    return failedForm(error, {});
  }
  return { ok: true, message: "Your password is changed. Your other devices are signed out." };
}

export async function signOutEverywhereAction(): Promise<void> {
  await endEverySession();
  redirect("/signin");
}
