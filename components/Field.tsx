import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

type Common = { label: string; name: string; error?: string; hint?: string };

function Described({ name, error, hint }: Omit<Common, "label">) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span
          className="field-error"
          id={`${name}-error`}
          data-testid={`error-${name}`}
          role="alert"
        >
          {error}
        </span>
      )}
    </>
  );
}

// What the input or textarea needs to be tied to its label, its hint and its error.
function controlProps({ name, error, hint }: Omit<Common, "label">) {
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ");
  return {
    id: name,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

function Labelled({ label, name, error, hint, children }: Common & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      <Described name={name} error={error} hint={hint} />
    </div>
  );
}

export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const common = { label, name, error, hint };
  return (
    <Labelled {...common}>
      <input {...controlProps(common)} {...input} />
    </Labelled>
  );
}

export function TextArea({
  label,
  name,
  error,
  hint,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const common = { label, name, error, hint };
  return (
    <Labelled {...common}>
      <textarea {...controlProps(common)} {...input} />
    </Labelled>
  );
}
