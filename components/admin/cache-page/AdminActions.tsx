import type { ComponentProps } from "react";
import { ActionForm } from "@/components/admin/ActionForm";
import { ClearCacheForm } from "@/components/admin/ClearCacheForm";

type Action = ComponentProps<typeof ActionForm>["action"];

type Props = {
  warm: Action;
  flush: Action;
  clear: Action;
  targets: ComponentProps<typeof ClearCacheForm>["targets"];
};

// What an admin can do: warm, flush pending views, clear a namespace or all of them.
export function AdminActions({ warm, flush, clear, targets }: Props) {
  return (
    <div className="admin-columns">
      <section className="card stack" aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        <ActionForm
          action={warm}
          label="Warm the cache now"
          pendingText="Warming…"
          description="Fills the first feed pages, popular posts and the most active authors (lib/blog/warm.ts), as at start-up."
          testId="warm-form"
        />
        <ActionForm
          action={flush}
          label="Flush pending view counters now"
          pendingText="Flushing…"
          description="Moves every view counted in Redis and not yet in Postgres (lib/domains/view-counts/sweep.ts)."
          testId="flush-views-form"
        />
      </section>
      <section className="card stack" aria-labelledby="clear-title">
        <h2 id="clear-title">Clear</h2>
        <ClearCacheForm action={clear} targets={targets} />
      </section>
    </div>
  );
}
