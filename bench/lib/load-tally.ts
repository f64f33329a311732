// What a mixed load saw: one record per request, summarised by kind and status, latency
// percentiles, the views acknowledged and the posts acknowledged (201) or not.

export type Kind = "page" | "api" | "view" | "post";
export const KINDS: Kind[] = ["page", "api", "view", "post"];

export type SentPost = { title: string; content?: string; id?: number };
export type LoadRecord = {
  kind: Kind;
  /** When it was sent (epoch ms), to tell requests made during a fault from the others. */
  at: number;
  /** The HTTP status, or why there was none ("no answer" after 30 s, ECONNREFUSED, ...). */
  status: number | string;
  ms: number;
  counted?: boolean;
  post?: SentPost;
};

export type Latency = { p50: number; p99: number; max: number };

const ok = (status: number | string) => typeof status === "number" && status < 400;

export class LoadTally {
  readonly records: LoadRecord[] = [];

  add(record: LoadRecord): void {
    this.records.push(record);
  }

  /** Requests that did not get a 2xx/3xx, as "status×count" per status. */
  failures(kind?: Kind): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.records)
      if ((!kind || r.kind === kind) && !ok(r.status))
        counts.set(String(r.status), (counts.get(String(r.status)) ?? 0) + 1);
    return counts;
  }

  failedCount(test: (status: number | string) => boolean): number {
    return this.records.filter((r) => !ok(r.status) && test(r.status)).length;
  }

  count(kind: Kind): number {
    return this.records.filter((r) => r.kind === kind).length;
  }

  latency(kind?: Kind): Latency {
    const sorted = Float64Array.from(
      this.records.filter((r) => !kind || r.kind === kind).map((r) => r.ms),
    ).sort();
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  }

  /** Views the server answered as counted, and all view requests sent. */
  views(): { sent: number; acknowledged: number } {
    const views = this.records.filter((r) => r.kind === "view");
    return { sent: views.length, acknowledged: views.filter((r) => r.counted).length };
  }

  /** Posts answered 201 (with their id), and posts sent that got any other outcome. */
  posts(): { acknowledged: SentPost[]; unacknowledged: SentPost[] } {
    const sent = this.records.filter((r) => r.kind === "post" && r.post).map((r) => r.post!);
    return {
      acknowledged: sent.filter((p) => p.id !== undefined),
      unacknowledged: sent.filter((p) => p.id === undefined),
    };
  }
}

/** "503×12 500×1", or "none". */
export function describeFailures(failures: Map<string, number>): string {
  if (failures.size === 0) return "none";
  return [...failures].map(([status, n]) => `${status}×${n}`).join(" ");
}
