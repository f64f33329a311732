export function SearchIntro() {
  return (
    <div>
      <h1 className="page-title">Search</h1>
      <p className="lede">
        Postgres full text search over titles and content; each query&apos;s results are cached for
        a minute.
      </p>
    </div>
  );
}
