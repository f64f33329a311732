import type { FormState } from "@/lib/platform/form-state";

export function FormMessage({ state }: { state: FormState }) {
  // When a field already says it beside the input, saying it again on top is noise.
  if (!state.message || Object.values(state.fields ?? {}).includes(state.message)) return null;
  return (
    <div
      className={`alert ${state.ok ? "success" : "error"}`}
      role={state.ok ? "status" : "alert"}
      data-testid="form-message"
    >
      {state.message}
    </div>
  );
}
