"use client";
import { useActionState } from "react";
import { Field, TextArea } from "@/components/Field";
import { FormMessage } from "@/components/FormMessage";
import { SubmitButton } from "@/components/SubmitButton";
import { type FormState, initialFormState } from "@/lib/platform/form-state";

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  initial?: { title: string; excerpt: string; content: string; published: boolean };
  submitLabel: string;
};

export function PostForm({ action, initial, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  const value = (name: "title" | "excerpt" | "content") =>
    state.values?.[name] ?? initial?.[name] ?? "";
  return (
    <form action={formAction} className="form card" noValidate>
      <FormMessage state={state} />
      <Field
        label="Title"
        name="title"
        type="text"
        defaultValue={value("title")}
        error={state.fields?.title}
        maxLength={160}
        required
      />
      <TextArea
        label="Article"
        name="content"
        className="tall"
        defaultValue={value("content")}
        error={state.fields?.content}
        hint="Markdown: ## headings, **bold**, [links](https://…), ```code```. HTML is shown as text."
        required
      />
      <TextArea
        label="Excerpt"
        name="excerpt"
        defaultValue={value("excerpt")}
        error={state.fields?.excerpt}
        hint="Optional. Shown on the feed; taken from the article when left empty."
        rows={3}
        maxLength={300}
      />
      <label className="checkbox">
        <input type="checkbox" name="published" defaultChecked={initial?.published ?? true} />{" "}
        Published (visible to everyone)
      </label>
      <div className="actions">
        <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
