"use client";
import Link from "next/link";
import { useActionState } from "react";
import { CredentialFields } from "@/components/CredentialFields";
import { Field } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { initialFormState } from "@/lib/platform/form-state";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, formAction] = useActionState(signUpAction, initialFormState);
  const value = (name: string) => state.values?.[name] ?? "";
  return (
    <form action={formAction} className="form card" noValidate>
      <FormMessage state={state} />
      <Field
        label="Name"
        name="name"
        type="text"
        autoComplete="name"
        defaultValue={value("name")}
        error={state.fields?.name}
        required
      />
      <Field
        label="Username"
        name="username"
        type="text"
        autoComplete="username"
        defaultValue={value("username")}
        error={state.fields?.username}
        hint="Letters, digits and underscores; shown in your profile address."
        required
      />
      <CredentialFields state={state} newPassword />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      <p className="meta">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
