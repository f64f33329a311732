"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { keyHref } from "@/lib/admin/key-ref";
import {
  clearForAdmin,
  deleteKeyForAdmin,
  flushViewsForAdmin,
  warmForAdmin,
} from "@/lib/admin/operations";
import { requireAdmin } from "@/lib/domains/auth/session";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";

// The admin page's actions. Server actions are POST only and Next.js refuses one whose Origin is
// not this site; each checks the role itself, as a page's check does not cover its actions.
const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

export async function clearCacheAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["target", "confirm"]);
  try {
    const cleared = await clearForAdmin(await requireAdmin(), values);
    revalidatePath("/admin/cache");
    const parts = cleared.namespaces
      .map(({ namespace, removed }) => `${namespace} ${removed}`)
      .join(", ");
    return {
      ok: true,
      message: `Cleared ${cleared.target}: ${plural(cleared.removed, "key")} removed (${parts}).`,
      values: { target: values.target },
    };
  } catch (error) {
    return failedForm(error, values);
  }
}

export async function deleteKeyAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["hex", "confirm"]);
  let existed: boolean;
  try {
    existed = await deleteKeyForAdmin(await requireAdmin(), values);
  } catch (error) {
    return failedForm(error, values);
  }
  const href = keyHref(Buffer.from(values.hex, "hex"));
  redirect(href ? `${href}&deleted=${existed ? "1" : "0"}` : "/admin/cache/keys");
}

export async function warmCacheAction(): Promise<FormState> {
  try {
    const result = await warmForAdmin(await requireAdmin());
    revalidatePath("/admin/cache");
    return result.warmed
      ? {
          ok: true,
          message: `Warmed ${plural(result.entries, "entry", "entries")} in ${result.ms} ms.`,
        }
      : {
          ok: true,
          message: "Another process is warming the cache right now; nothing more to do.",
        };
  } catch (error) {
    return failedForm(error, {});
  }
}

export async function flushViewsAction(): Promise<FormState> {
  try {
    const moved = await flushViewsForAdmin(await requireAdmin());
    revalidatePath("/admin/cache");
    return { ok: true, message: `Moved ${plural(moved, "view")} from Redis to Postgres.` };
  } catch (error) {
    return failedForm(error, {});
  }
}
