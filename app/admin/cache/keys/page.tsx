import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/AdminNav";
import { KeyName } from "@/components/admin/KeyName";
import { TracePanel } from "@/components/TracePanel";
import { formatBytes, formatTtl } from "@/lib/admin/format";
import { adminForPage, pathWithQuery } from "@/lib/admin/guard";
import { browseKeys, type KeyPage, parseBrowseQuery } from "@/lib/admin/key-browser";
import { keyHref } from "@/lib/admin/key-ref";
import { dbOf } from "@/lib/admin/redis-info";
import { AppError } from "@/lib/platform/errors";
import { cacheRedis } from "@/lib/platform/redis";
import { traced } from "@/lib/platform/request-trace";

export const metadata: Metadata = { title: "Cache keys" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

const pageHref = (pattern: string, cursor: string) =>
  `/admin/cache/keys?${new URLSearchParams({ pattern, cursor })}`;

export default async function CacheKeysPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  await adminForPage(pathWithQuery("/admin/cache/keys", search));

  const { value: found, trace } = await traced(() => findKeys(search));
  const pattern = typeof search.pattern === "string" ? search.pattern : "";

  return (
    <div className="container wide stack admin">
      <div>
        <h1 className="page-title">Cache keys</h1>
        <AdminNav current="/admin/cache/keys" />
        <p className="lede">
          SCAN with a MATCH pattern (<code>*</code>, <code>?</code>, <code>[abc]</code>;{" "}
          <code>\</code> escapes), about 50 keys a page, never KEYS.
        </p>
      </div>
      <form method="get" action="/admin/cache/keys" className="search-row" data-testid="key-search">
        <label htmlFor="pattern">Pattern</label>
        <input
          id="pattern"
          name="pattern"
          type="search"
          defaultValue={pattern}
          placeholder="*"
          maxLength={256}
          spellCheck={false}
        />
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {"problem" in found ? (
        <div className="alert error" role="alert" data-testid="key-search-error">
          {found.problem}
        </div>
      ) : (
        <KeyTable page={found.page} db={dbOf(cacheRedis())} />
      )}
      <TracePanel trace={trace} />
    </div>
  );
}

function KeyLink({ name }: { name: Buffer }) {
  const href = keyHref(name);
  if (!href) {
    return (
      <>
        <KeyName name={name} /> <span className="cut">(too long to open here)</span>
      </>
    );
  }
  return (
    <Link href={href}>
      <KeyName name={name} />
    </Link>
  );
}

async function findKeys(search: Search): Promise<{ page: KeyPage } | { problem: string }> {
  try {
    return { page: await browseKeys(cacheRedis(), parseBrowseQuery(search)) };
  } catch (error) {
    if (error instanceof AppError)
      return { problem: Object.values(error.fields ?? {})[0] ?? error.message };
    return { problem: "Redis does not answer. Try again in a moment." };
  }
}

function KeyTable({ page, db }: { page: KeyPage; db: number }) {
  return (
    <section className="card stack" aria-label="Keys found">
      <p className="meta" data-testid="key-page-summary">
        {page.rows.length} keys matching <code>{page.pattern}</code> in DB {db} on this page (
        {page.calls} SCAN calls
        {page.masters > 1 && `; the ${page.masters} masters are walked in turn`}
        ).{" "}
        {page.done
          ? "That was the last page."
          : `Cursor ${page.cursor}: more of the keyspace is left to scan${page.rows.length === 0 ? " (no match in this stretch; the next page goes on)" : ""}.`}
      </p>
      {page.rows.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table" data-testid="key-table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Type</th>
                <th>TTL</th>
                <th className="num">Memory</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.key.toString("hex")} data-testid="key-row">
                  <td>
                    <KeyLink name={row.key} />
                  </td>
                  <td>
                    <span className="badge">{row.type}</span>
                  </td>
                  <td>{formatTtl(row.ttlMs)}</td>
                  <td className="num">{formatBytes(row.memory)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pagination">
        <Link href={pageHref(page.pattern, "0")} className="btn secondary">
          From the start
        </Link>
        {!page.done && (
          <Link
            href={pageHref(page.pattern, page.cursor)}
            className="btn"
            data-testid="next-page"
            rel="next"
          >
            Next page →
          </Link>
        )}
      </div>
    </section>
  );
}
