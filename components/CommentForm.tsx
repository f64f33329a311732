"use client";
import { useActionState } from "react";
import { TextArea } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

export function CommentForm({
  action,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="form" noValidate>
      {!state.ok && <FormMessage state={state} />}
      <TextArea
        label="Add a comment"
        name="content"
        rows={3}
        defaultValue={state.values?.content ?? ""}
        error={state.fields?.content}
        maxLength={5000}
      />
      <div>
        <SubmitButton pendingText="Posting…">Post comment</SubmitButton>
      </div>
    </form>
  );
}
