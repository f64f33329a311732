"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/domains/auth/session";
import { follow, unfollow } from "@/lib/domains/follows";
import { type FormState, failedForm } from "@/lib/platform/form-state";
import { limitUserAction } from "@/lib/rate-limit/actions";

// Follow / Unfollow on a profile: authorize, write (lib/domains/follows keeps Redis and the caches in
// step), then re-render the profile with its new counts.
async function changeFollow(
  change: typeof follow,
  userId: number,
  username: string,
): Promise<FormState> {
  try {
    const user = await requireUser();
    await limitUserAction("follow", user.id);
    await change(user, userId);
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
