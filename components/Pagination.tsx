import Link from "next/link";

export function Pagination({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      <Link
        href={href(page - 1)}
        className={`btn secondary ${page <= 1 ? "disabled" : ""}`}
        aria-disabled={page <= 1}
        rel="prev"
      >
        ← Newer
      </Link>
      <span className="meta">
        Page {page} of {pages}
      </span>
      <Link
        href={href(page + 1)}
        className={`btn secondary ${page >= pages ? "disabled" : ""}`}
        aria-disabled={page >= pages}
        rel="next"
      >
        Older →
      </Link>
    </nav>
  );
}
