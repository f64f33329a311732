"use client";
import { useActionState } from "react";
import { Field } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { ApiKeyReveal } from "./ApiKeyReveal";
import { type CreateApiKeyState, createApiKeyAction } from "./api-key-actions";

const initial: CreateApiKeyState = {};

export function ApiKeyCreateForm() {
  const [state, formAction] = useActionState(createApiKeyAction, initial);
  return (
    <>
      {state.created && <ApiKeyReveal name={state.created.name} token={state.created.token} />}
      <form action={formAction} className="form" noValidate data-testid="api-key-form">
        <FormMessage state={state} />
        <Field
          label="Key name"
          name="keyName"
          type="text"
          defaultValue={state.values?.keyName ?? ""}
          error={state.fields?.keyName}
          maxLength={60}
          hint="Where the key is used, e.g. “deploy script”."
          required
        />
        <div>
          <SubmitButton pendingText="Creating…">Create API key</SubmitButton>
        </div>
      </form>
    </>
  );
}
