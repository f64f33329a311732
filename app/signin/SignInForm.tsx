"use client";
import Link from "next/link";
import { useActionState } from "react";
import { CredentialFields } from "@/components/CredentialFields";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { initialFormState } from "@/lib/platform/form-state";
import { signInAction } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(signInAction, initialFormState);
  return (
    <form action={formAction} className="form card" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <CredentialFields state={state} />
      <label className="checkbox">
        <input type="checkbox" name="remember" /> Remember me on this device
      </label>
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      <p className="meta">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </form>
  );
}
