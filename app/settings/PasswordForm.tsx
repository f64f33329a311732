"use client";
import { useActionState } from "react";
import { Field } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { initialFormState } from "@/lib/platform/form-state";
import { changePasswordAction } from "./actions";
import { RevokeKeysChoice } from "./RevokeKeysChoice";

export function PasswordForm({ activeKeys }: { activeKeys: number }) {
  const [state, formAction] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={formAction} className="form" noValidate data-testid="password-form">
      <FormMessage state={state} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={state.fields?.currentPassword}
        required
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        error={state.fields?.newPassword}
        hint="At least 8 characters."
        required
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={state.fields?.confirmPassword}
        required
      />
      <p className="hint">Changing it signs out your other devices.</p>
      <RevokeKeysChoice activeKeys={activeKeys} />
      <div>
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
