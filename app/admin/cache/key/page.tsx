import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/AdminNav";
import { DeleteKeyForm } from "@/components/admin/DeleteKeyForm";
import { KeyName } from "@/components/admin/KeyName";
import { ValuePreview } from "@/components/admin/ValuePreview";
import { formatBytes, formatCount, formatTtl } from "@/lib/admin/format";
import { adminForPage, pathWithQuery } from "@/lib/admin/guard";
import { inspectKey, type KeyReport, MAX_ITEMS } from "@/lib/admin/key-inspect";
import { keyFromInput } from "@/lib/admin/key-ref";
import { namespaceOf, namespacePattern } from "@/lib/admin/namespaces";
import { AppError } from "@/lib/platform/errors";
import { cacheRedis } from "@/lib/platform/redis";
import { deleteKeyAction } from "../actions";

export const metadata: Metadata = { title: "Cache key" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

// The tutorial's "debug a key": does it exist, its type, TTL, memory, and its value decoded.
export default async function CacheKeyPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  await adminForPage(pathWithQuery("/admin/cache/key", search));

  let key: Buffer;
  try {
    key = keyFromInput(search);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <Frame>
        <div className="alert error" role="alert">
          {error.message}
        </div>
      </Frame>
    );
  }
  const report = await inspectKey(cacheRedis(), key).catch(() => null);
  const namespace = namespaceOf(key.toString("utf8"));
  return (
    <Frame>
      <section className="card stack">
        <h2 className="key-title" data-testid="key-title">
          <KeyName name={key} max={400} />
        </h2>
        <p className="meta">
          {key.length.toLocaleString("en-US")} bytes · namespace{" "}
          <Link
            href={`/admin/cache/keys?pattern=${encodeURIComponent(namespacePattern(namespace))}`}
          >
            <code>{namespace}</code>
          </Link>
        </p>
        {search.deleted !== undefined && (
          <p className="alert success" role="status" data-testid="key-deleted">
            {search.deleted === "1" ? "The key is deleted." : "The key did not exist any more."}
          </p>
        )}
        {report === null ? (
          <div className="alert error" role="alert">
            Redis does not answer. Try again in a moment.
          </div>
        ) : (
          <KeyDetails report={report} />
        )}
      </section>
      {report?.exists && (
        <section className="card stack">
          <h2>Delete</h2>
          <DeleteKeyForm action={deleteKeyAction} keyHex={key.toString("hex")} />
        </section>
      )}
    </Frame>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <div className="container wide stack admin">
      <div>
        <h1 className="page-title">Cache key</h1>
        <AdminNav current={null} />
      </div>
      {children}
    </div>
  );
}

function KeyDetails({ report }: { report: KeyReport }) {
  if (!report.exists) {
    return (
      <p className="alert error" data-testid="key-missing">
        This key does not exist (it expired, was deleted, or never was).
      </p>
    );
  }
  const shownItems = report.items?.length ?? 0;
  return (
    <>
      <dl className="admin-figures" data-testid="key-facts">
        <Fact label="Exists" value="yes" id="exists" />
        <Fact label="Type" value={report.type} id="type" />
        <Fact label="TTL" value={formatTtl(report.ttlMs)} id="ttl" />
        <Fact label="Memory" value={formatBytes(report.memory)} id="memory" />
        <Fact label="Encoding" value={report.encoding ?? "—"} id="encoding" />
        <Fact
          label={report.type === "string" ? "Length (bytes)" : "Elements"}
          value={formatCount(report.length)}
          id="length"
        />
      </dl>
      {report.value && <ValuePreview preview={report.value} />}
      {report.items && (
        <>
          <p className="meta">
            {shownItems < report.length
              ? `The first ${formatCount(shownItems)} of ${formatCount(report.length)} elements (at most ${MAX_ITEMS}, read with a bounded ${scanName(report.type)}).`
              : `All ${formatCount(report.length)} elements.`}
          </p>
          <ItemTable report={report} />
        </>
      )}
      {!report.value && !report.items && <p className="meta">No preview for a {report.type}.</p>}
    </>
  );
}

const scanName = (type: string) =>
  ({ hash: "HSCAN", set: "SSCAN", list: "LRANGE", zset: "ZRANGE" })[type] ?? "read";

function Fact({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={`key-${id}`}>{value}</dd>
    </div>
  );
}

function ItemTable({ report }: { report: Extract<KeyReport, { exists: true }> }) {
  const items = report.items ?? [];
  const hasField = report.type === "hash";
  const hasScore = report.type === "zset";
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="key-items">
        <thead>
          <tr>
            <th className="num">#</th>
            {hasField && <th>Field</th>}
            <th>{report.type === "zset" || report.type === "set" ? "Member" : "Value"}</th>
            {hasScore && <th className="num">Score</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is a position in the Redis value, and values may repeat
            <tr key={i}>
              <td className="num">{i}</td>
              {hasField && <td>{item.field && <ValuePreview preview={item.field} compact />}</td>}
              <td>
                <ValuePreview preview={item.value} compact />
              </td>
              {hasScore && <td className="num">{item.score}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
