"use server";
import { revalidatePath, updateTag } from "next/cache";

// Next's own invalidation from server actions, for the end-to-end suite's build only.

export async function expireProbeTag(formData: FormData): Promise<void> {
  updateTag(String(formData.get("tag")));
}

export async function revalidateProbePage(): Promise<void> {
  revalidatePath("/probes/cache");
}
