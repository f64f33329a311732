"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

// The key travels as hex, so any key (binary, very long, hostile) reaches the server unchanged.
export function DeleteKeyForm({
  action,
  keyHex,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  keyHex: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="form" data-testid="delete-key-form">
      <input type="hidden" name="hex" value={keyHex} />
      <label className="checkbox">
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          required
          aria-invalid={state.fields?.confirm ? true : undefined}
        />
        Yes, delete this key (UNLINK). The app rebuilds cache entries from Postgres; other keys may
        be lost for good.
      </label>
      {state.fields?.confirm && (
        <span className="field-error" role="alert">
          {state.fields.confirm}
        </span>
      )}
      <div className="actions">
        <SubmitButton className="btn danger" pendingText="Deleting…">
          Delete key
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
