"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { initialFormState } from "@/lib/platform/form-state";
import { revokeApiKeyAction } from "./api-key-actions";

export function ApiKeyRevokeButton({ id, name }: { id: number; name: string }) {
  const [state, formAction] = useActionState(revokeApiKeyAction, initialFormState);
  return (
    <form action={formAction} aria-label={`Revoke ${name}`}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton className="btn danger" pendingText="Revoking…">
        Revoke
      </SubmitButton>
    </form>
  );
}
