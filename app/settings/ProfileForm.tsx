"use client";
import { useActionState } from "react";
import { Field, TextArea } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { initialFormState } from "@/lib/platform/form-state";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, bio }: { name: string; bio: string }) {
  const [state, formAction] = useActionState(updateProfileAction, initialFormState);
  return (
    <form action={formAction} className="form" noValidate data-testid="profile-form">
      <FormMessage state={state} />
      <Field
        label="Name"
        name="name"
        type="text"
        defaultValue={state.values?.name ?? name}
        error={state.fields?.name}
        maxLength={80}
        required
      />
      <TextArea
        label="Bio"
        name="bio"
        rows={3}
        defaultValue={state.values?.bio ?? bio}
        error={state.fields?.bio}
        maxLength={500}
        hint="Up to 500 characters, shown on your profile."
      />
      <div>
        <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
