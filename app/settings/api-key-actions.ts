"use server";
import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/domains/api-keys";
import { requireUser } from "@/lib/domains/auth/session";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";

// The new key travels back to the form once, in this answer; it is stored nowhere but the
// person's clipboard.
export type CreateApiKeyState = FormState & { created?: { name: string; token: string } };

// The field is "keyName": Settings already has a "name" field (the profile's), and field ids
// must be unique on the page.
export async function createApiKeyAction(
  _: CreateApiKeyState,
  formData: FormData,
): Promise<CreateApiKeyState> {
  const values = formValues(formData, ["keyName"]);
  try {
    const user = await requireUser();
    const { key, token } = await createApiKey(user.id, { name: values.keyName });
    revalidatePath("/settings");
    return { ok: true, created: { name: key.name, token } };
  } catch (error) {
    const state = failedForm(error, values);
    return { ...state, fields: state.fields?.name ? { keyName: state.fields.name } : state.fields };
  }
}

export async function revokeApiKeyAction(_: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireUser();
    await revokeApiKey(user.id, formData.get("id"));
  } catch (error) {
    return failedForm(error, {});
  }
  revalidatePath("/settings");
  return { ok: true };
}
