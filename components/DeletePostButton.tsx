"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/FormMessage";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

export function DeletePostButton({ action }: { action: () => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm("Delete this article and its comments? This cannot be undone."))
          event.preventDefault();
      }}
    >
      <FormMessage state={state} />
      <button type="submit" className="btn danger" disabled={pending} data-testid="delete-post">
        {pending ? "Deleting…" : "Delete"}
      </button>
    </form>
  );
}
