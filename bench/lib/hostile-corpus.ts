// Article bodies that once froze the server, threw or held Postgres for minutes (issue 9), and a
// few more of the same families found by fuzzing; each within the 100,000-character limit. The
// last one is an honest long article, the control: it must still render as markdown.

export type HostileInput = { name: string; content: string };

const table = (columns: number, rows: number) =>
  `${"|a".repeat(columns)}|\n${"|-".repeat(columns)}|\n${"|\n".repeat(rows)}`;
const nestedList = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `${" ".repeat(i * 2)}- a`).join("\n");

function honestArticle(length: number): string {
  const section = [
    "## Caching a page",
    "Redis keeps **hot data** in memory; Postgres stays the source of truth. See [the docs](https://redis.io/docs/) or `GET key`.",
    "- cache-aside reads\n- write-through updates\n- *write-behind* counters",
    "> A cache that can be lost at any moment must be rebuilt from Postgres.",
    "```ts\nconst value = await cache.getOrSet(key, () => db.post.findUnique({ where: { id } }));\n```",
    "| pattern | where |\n|---|---|\n| cache-aside | feeds |\n| memoize | posts |",
  ].join("\n\n");
  return `${section}\n\n`
    .repeat(Math.ceil(length / (section.length + 2)))
    .slice(0, length)
    .trim();
}

export const hostileCorpus: HostileInput[] = [
  { name: "100,000 × <", content: "<".repeat(100_000) },
  { name: "100,000 × [", content: "[".repeat(100_000) },
  { name: "50,000 × *a", content: "*a".repeat(50_000) },
  { name: "100,000 × >", content: ">".repeat(100_000) },
  { name: "50,000 × _a", content: "_a".repeat(50_000) },
  { name: "33,333 × ```", content: "```".repeat(33_333) },
  { name: "25,000 × [a](", content: "[a](".repeat(25_000) },
  { name: "50,000 × ~/", content: "~/".repeat(50_000) },
  { name: "25,000 × <!--", content: "<!--".repeat(25_000) },
  { name: "list nested 300 deep", content: nestedList(300) },
  { name: "table 1,000 × 40,000 cells", content: table(1_000, 40_000) },
  { name: "100,000 × &", content: "&".repeat(100_000) },
  { name: "honest article, 100,000", content: honestArticle(100_000) },
];
