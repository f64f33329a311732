"use server";
import { refresh, revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { countActiveApiKeys, revokeAllApiKeys } from "@/lib/domains/api-keys";
import { type KeysOutcome, keysMessage } from "@/lib/domains/api-keys/after-sign-out";
import {
  endEverySession,
  endOtherSessions,
  endSession,
  requireSession,
  requireUser,
} from "@/lib/domains/auth/session";
import { changePassword, updateProfile } from "@/lib/domains/users/mutations";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";
import { PasswordChecksSpent } from "@/lib/rate-limit/password-checks";

export async function updateProfileAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["name", "bio"]);
  try {
    const user = await requireUser();
    await updateProfile(user.id, values);
  } catch (error) {
    return failedForm(error, values);
  }
  // The pages that show the name were expired by their tags (lib/blog/invalidation/): only this
  // browser's router cache is refreshed, never Next's cache of every page.
  refresh();
  return { ok: true, message: "Your profile is saved.", values };
}

// Past the bound on wrong current passwords in this session (lib/rate-limit/password-checks.ts) the
// session ends: whoever holds it must sign in again, under the sign-in bounds, to guess on.
export async function changePasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const read = (name: string) => String(formData.get(name) ?? "");
  try {
    const { user, sid } = await requireSession();
    await changePassword(
      user.id,
      {
        currentPassword: read("currentPassword"),
        newPassword: read("newPassword"),
        confirmPassword: read("confirmPassword"),
      },
      sid,
    );
    await endOtherSessions();
    const keys = await settleApiKeys(user.id, formData);
    revalidatePath("/settings");
    return {
      ok: true,
      message: `Your password is changed. Your other devices are signed out.${keysMessage[keys]}`,
    };
  } catch (error) {
    if (!(error instanceof PasswordChecksSpent)) return failedForm(error, {});
  }
  await endSession();
  redirect("/signin?ended=password-checks");
}

// API keys are not sessions: ending sessions leaves them working unless the person ticked
// "also revoke my API keys". The answer says which happened.
async function settleApiKeys(userId: number, formData: FormData): Promise<KeysOutcome> {
  if (formData.get("revokeApiKeys") === "on")
    return (await revokeAllApiKeys(userId)) > 0 ? "revoked" : "none";
  return (await countActiveApiKeys(userId)) > 0 ? "kept" : "none";
}

export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  await endEverySession();
  redirect(`/signin?ended=everywhere&keys=${await settleApiKeys(user.id, formData)}`);
}
