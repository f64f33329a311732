"use server";
import { revalidatePath } from "next/cache";
import { failedForm, type FormState } from "@/lib/form-state";
import { follow, unfollow } from "@/lib/follows";
import { requireUser } from "@/lib/session";

// Follow / Unfollow on a profile: authorize, write (lib/follows keeps Redis and the caches in
// step), then re-render the profile with its new counts.
async function changeFollow(change: typeof follow, userId: number, username: string): Promise<FormState> {
  try {
    await change(await requireUser(), userId);
  } catch (error) {
    return failedForm(error, {});
  }
  revalidatePath(`/u/${username}`);
  return { ok: true };
}

export async function followAction(userId: number, username: string): Promise<FormState> {
  return changeFollow(follow, userId, username);
}

export async function unfollowAction(userId: number, username: string): Promise<FormState> {
  return changeFollow(unfollow, userId, username);
}
