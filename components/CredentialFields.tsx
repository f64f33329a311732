import { Field } from "@/components/Field";
import type { FormState } from "@/lib/platform/form-state";

// The email and password pair of the sign-in and sign-up forms. The password is never sent back
// to the page: after an error it is typed again.
export function CredentialFields({
  state,
  newPassword = false,
}: {
  state: FormState;
  /** Sign-up: the browser offers to make up a password, and the rule is shown. */
  newPassword?: boolean;
}) {
  return (
    <>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email ?? ""}
        error={state.fields?.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={newPassword ? "new-password" : "current-password"}
        error={state.fields?.password}
        hint={newPassword ? "At least 8 characters." : undefined}
        required
      />
    </>
  );
}
