"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

// One button that runs a server action and shows what it did underneath.
export function ActionForm({
  action,
  label,
  pendingText,
  description,
  testId,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  label: string;
  pendingText: string;
  description: string;
  testId: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="admin-action" data-testid={testId}>
      <p>{description}</p>
      <SubmitButton pendingText={pendingText} className="btn secondary">
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
