import { CacheCharts } from "@/components/admin/CacheCharts";
import { MemoryTable } from "@/components/admin/MemoryTable";
import { NamespaceTable } from "@/components/admin/NamespaceTable";
import { NodeTable } from "@/components/admin/NodeTable";
import { RedisFigures } from "@/components/admin/RedisFigures";
import type { CacheOverview } from "@/lib/admin/overview";

// What Redis says: its figures, the last hour, hit rates and memory; or, without Redis, why not.
export function RedisSections({ overview, now }: { overview: CacheOverview | null; now: number }) {
  if (!overview) {
    return (
      <div className="alert error" role="alert">
        Redis does not answer. Try again in a moment.
      </div>
    );
  }
  return (
    <>
      <section className="card stack" aria-labelledby="figures-title">
        <h2 id="figures-title">Redis</h2>
        <RedisFigures overview={overview} />
      </section>
      <section className="card stack" aria-labelledby="nodes-title">
        <h2 id="nodes-title">Nodes</h2>
        <NodeTable nodes={overview.nodes} db={overview.db} />
      </section>
      <section className="card stack" aria-labelledby="charts-title">
        <h2 id="charts-title">The last hour</h2>
        <CacheCharts points={overview.samples} db={overview.db} now={now} />
      </section>
      <section className="card stack" aria-labelledby="namespaces-title">
        <h2 id="namespaces-title">Hit rates by cache namespace</h2>
        <p className="meta">
          From the cache library&apos;s shared statistics: every app process, since the counters
          began.
        </p>
        <NamespaceTable namespaces={overview.namespaces} />
      </section>
      <section className="card stack" aria-labelledby="memory-title">
        <h2 id="memory-title">Where the memory is</h2>
        <MemoryTable memory={overview.memory} db={overview.db} />
      </section>
    </>
  );
}
