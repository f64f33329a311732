import type { Metadata } from "next";
import { cacheLife, cacheTag } from "next/cache";
import Link from "next/link";
import { patterns } from "@/lib/blog/patterns";
import { tags } from "@/lib/blog-cache/tags";

export const metadata: Metadata = { title: "Caching patterns" };

// The same for every reader and for the life of a build: prerendered, and kept in Next's caches
// on Redis ('use cache' for the list, the incremental cache for the page).
export default async function PatternsPage() {
  "use cache";
  cacheTag(tags.patterns.next);
  cacheLife("max");
  return (
    <div className="container stack">
      <div>
        <h1 className="page-title">Every caching pattern, working</h1>
        <p className="lede">
          Each pattern of the Flask + Redis tutorial runs in this blog where a real blog would use
          it. Open the page next to it and expand &ldquo;How this page was served&rdquo; at the
          bottom: a second load shows HIT.
        </p>
      </div>
      <ul className="post-list" data-testid="patterns">
        {patterns.map((pattern) => (
          <li key={pattern.id} id={pattern.id} className="card post-card" data-testid="pattern">
            <h2>{pattern.name}</h2>
            <div className="meta">
              <span>Tutorial: {pattern.tutorial}</span>
              {pattern.namespaces?.map((namespace) => (
                <span key={namespace}>
                  Keys: <code>{namespace}:*</code>
                </span>
              ))}
            </div>
            <p>{pattern.summary}</p>
            <p className="meta">
              Code:{" "}
              {pattern.files.map((file, i) => (
                <span key={file}>
                  {i > 0 && ", "}
                  <code>{file}</code>
                </span>
              ))}
            </p>
            <p>
              <Link href={pattern.seeIt.href}>See it: {pattern.seeIt.label} →</Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
