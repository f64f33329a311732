import type { Metadata } from "next";
import Link from "next/link";
import { TracePanel } from "@/components/TracePanel";
import { getSiteFacts } from "@/lib/blog/pages/static-content";
import { formatDate, formatNumber } from "@/lib/platform/format";
import { traced } from "@/lib/platform/request-trace";

export const metadata: Metadata = { title: "About this blog" };

export default async function StaticContentPage() {
  const { value: facts, trace } = await traced(() => getSiteFacts());
  return (
    <div className="container stack">
      <div>
        <h1 className="page-title">About this blog</h1>
        <p className="lede">
          Slow-changing content, served from the tutorial&apos;s second cache: its own Redis
          database, entries kept for an hour.
        </p>
      </div>
      <section className="card">
        <p>
          <strong>{formatNumber(facts.totals.posts)}</strong> articles by{" "}
          <strong>{formatNumber(facts.totals.authors)}</strong> authors, with{" "}
          <strong>{formatNumber(facts.totals.comments)}</strong> comments.
        </p>
        <h2>Most prolific authors</h2>
        <ol data-testid="prolific-authors">
          {facts.authors.map((author) => (
            <li key={author.username}>
              <Link href={`/u/${author.username}`}>{author.name}</Link>{" "}
              <span className="meta">{author.posts} articles</span>
            </li>
          ))}
        </ol>
        <p className="meta">
          Computed {formatDate(facts.builtAt)} at {facts.builtAt.toISOString().slice(11, 19)} UTC.
        </p>
      </section>
      <TracePanel trace={trace} />
    </div>
  );
}
