// A SCAN MATCH pattern, answered by /admin/cache/keys.
export function FindKeysSection() {
  return (
    <section className="card stack" aria-labelledby="keys-title">
      <h2 id="keys-title">Find keys</h2>
      <form action="/admin/cache/keys" method="get" className="search-row">
        <label htmlFor="pattern">Pattern</label>
        <input
          id="pattern"
          name="pattern"
          type="search"
          placeholder="cache:feed:*"
          defaultValue=""
        />
        <button type="submit" className="btn secondary">
          Search keys
        </button>
      </form>
    </section>
  );
}
