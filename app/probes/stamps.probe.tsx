import { cacheLife, cacheTag } from "next/cache";

// 'use cache' components of the end-to-end suite's build only (next.config.js: NEXT_CACHE_PROBES):
// each shows when, and by which process, it was rendered, so a test can tell a cached answer
// from a fresh one. Tags: `probe-<id>`, `probe-outer-<id>`, `probe-inner-<id>`.

/** A cacheLife profile of Next's, or "zero": a dynamic entry, which the handler never stores. */
export type Life = "seconds" | "hours" | "max" | "zero";

const rendered = () => `${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`;

export async function Stamp({ id, life }: { id: string; life: Life }) {
  "use cache";
  cacheTag(`probe-${id}`);
  // One call per profile: cacheLife's overloads take one literal each.
  if (life === "zero") cacheLife({ stale: 0, revalidate: 0, expire: 0 });
  else if (life === "seconds") cacheLife("seconds");
  else if (life === "max") cacheLife("max");
  else cacheLife("hours");
  return <p data-testid="stamp">{rendered()}</p>;
}

export async function Outer({ id }: { id: string }) {
  "use cache";
  cacheTag(`probe-outer-${id}`);
  cacheLife("hours");
  return (
    <div>
      <p data-testid="outer">{rendered()}</p>
      <Inner id={id} />
    </div>
  );
}

async function Inner({ id }: { id: string }) {
  "use cache";
  cacheTag(`probe-inner-${id}`);
  cacheLife("hours");
  return <p data-testid="inner">{rendered()}</p>;
}
