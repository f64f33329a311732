"use client";
import { useActionState, useState } from "react";
import { Field } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import type { ClearTarget } from "@/lib/admin/clear";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

// Clearing asks for the target's name to be typed, checked again on the server: a slip of the
// mouse cannot empty a cache, and no script-only confirm() is relied on.
export function ClearCacheForm({
  action,
  targets,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  targets: ClearTarget[];
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const [target, setTarget] = useState(state.values?.target ?? targets[0]?.value ?? "");
  return (
    <form action={formAction} className="form" data-testid="clear-form">
      <div className="field">
        <label htmlFor="target">What to clear</label>
        <select
          id="target"
          name="target"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          {targets.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {state.fields?.target && (
          <span className="field-error" role="alert">
            {state.fields.target}
          </span>
        )}
      </div>
      <Field
        label={`Type ${target} to confirm`}
        name="confirm"
        type="text"
        autoComplete="off"
        spellCheck={false}
        key={`${target}-${state.ok ? "done" : "open"}`}
        defaultValue={state.ok ? "" : (state.values?.confirm ?? "")}
        error={state.fields?.confirm}
        hint="Only the app's own keys go: each cache clears its namespace with SCAN + UNLINK; nothing else is touched."
      />
      <div className="actions">
        <SubmitButton className="btn danger" pendingText="Clearing…">
          Clear
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
