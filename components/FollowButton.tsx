"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/FormMessage";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

// Follow or unfollow from a profile. The page re-renders with the new counts after the action.
export function FollowButton({
  following,
  action,
}: {
  following: boolean;
  action: () => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="follow-form">
      <button
        type="submit"
        className={following ? "btn secondary" : "btn"}
        disabled={pending}
        aria-busy={pending}
        data-testid="follow-button"
      >
        {pending ? (following ? "Unfollowing…" : "Following…") : following ? "Unfollow" : "Follow"}
      </button>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
