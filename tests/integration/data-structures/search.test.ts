import { randomBytes, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/search/route";
import { caches } from "@/lib/blog-cache/caches";
import { createPost } from "@/lib/domains/posts/mutations";
import {
  normalizeQuery,
  parseSearchQuery,
  searchPosts,
  segmentsToHtml,
} from "@/lib/domains/search";
import { searchKey } from "@/lib/domains/search/search";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";
import { userForFile } from "../../helpers/factories";

// A word no other post contains, so results are this file's own.
const word = () => `zq${randomBytes(5).toString("hex")}`;
const author = userForFile();

const search = async (q: string) => (await searchPosts(parseSearchQuery(q))).hits;
const version = async () => (await caches().search.groupVersion("results"))!;

describe("search", () => {
  it("ranks a title match above a content match, and leaves drafts out", async () => {
    const w = word();
    const inContent = await createPost(author.id, {
      title: "Something else entirely",
      content: `The body mentions ${w} once, in passing.`,
    });
    const inTitle = await createPost(author.id, {
      title: `All about ${w}`,
      content: "The body is about other things.",
    });
    await createPost(author.id, {
      title: `Draft on ${w}`,
      content: "Not published yet.",
      published: false,
    });
    const hits = await search(w);
    expect(hits.map((h) => h.id)).toEqual([inTitle.id, inContent.id]);
    expect(hits[0].title).toEqual([
      { text: "All about ", mark: false },
      { text: w, mark: true },
    ]);
    expect(segmentsToHtml(hits[1].snippet)).toContain(`<mark>${w}</mark>`);
    expect(hits[0].author.username).toBe(author.username);
  });

  it("caches results per normalized query for 60 s: the second search is a HIT", async () => {
    const w = word();
    await createPost(author.id, {
      title: `Cached ${w}`,
      content: "Search results are cached per query.",
    });
    expect(normalizeQuery(`  Cached\t ${w.toUpperCase()}   `)).toBe(`cached ${w}`);
    const first = await traced(() => searchPosts(parseSearchQuery(`Cached ${w}`)));
    expect(first.trace.cache.map((e) => `${e.namespace} ${e.result}`)).toEqual([
      "cache:search MISS",
    ]);
    expect(first.trace.sql).toBe(1);
    const second = await traced(() =>
      searchPosts(parseSearchQuery(`  cached   ${w.toUpperCase()} `)),
    );
    expect(second.trace.cache.map((e) => `${e.namespace} ${e.key} ${e.result}`)).toEqual([
      `cache:search query:v${await version()}:cached ${w} HIT`,
    ]);
    expect(second.trace.sql).toBe(0);
    expect(second.value.hits).toEqual(first.value.hits);
    expect(second.value.hits[0].publishedAt).toBeInstanceOf(Date);
    expect(await caches().search.get(searchKey(`cached ${w}`, await version()))).toBeDefined();
  });

  it("escapes post text in highlights; only its own markers become <mark>", async () => {
    const w = word();
    await createPost(author.id, {
      title: `Markup ${w}`,
      content: `when a < b && c > "d" then ${w} <img src=x onerror=alert(1)> forged \uE000marker\uE001 here`,
    });
    const [hit] = await search(w);
    const snippet = segmentsToHtml(hit.snippet);
    expect(snippet).toContain(`a &lt; b &amp;&amp; c &gt; &quot;d&quot; then <mark>${w}</mark>`);
    expect(snippet).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(snippet).toContain("forged marker here");
    expect(snippet.replaceAll(`<mark>${w}</mark>`, "")).not.toContain("<");
  });

  it("treats hostile queries as text: they find the post holding that text, and change nothing", async () => {
    const hostile = [
      "'); DROP TABLE posts; --",
      "' OR 1=1 --",
      "!!! && || :* <-> ()",
      '"unclosed',
      "-",
      "the",
      "a\u0000b",
      "<script>",
      "\\",
    ];
    const w = word();
    // The post says every one of them (NUL as the space the search makes of it). Postgres' text
    // parser skips a post's text from "<script>" to "</script>" (to the end when unclosed), but
    // reads the query's <script> as the word "script": the post says that word before it.
    const content = `${hostile
      .filter((q) => q !== "<script>")
      .map((q) => q.replace("\u0000", " "))
      .join(" ")} script <script>`;
    const post = await createPost(author.id, { title: `Quoting ${w}`, content });
    const posts = await db.post.count();
    for (const q of hostile) {
      // Our word and the hostile text: whatever the text is, as words it is in the post.
      expect(
        (await search(`${w} ${q}`)).map((hit) => hit.id),
        q,
      ).toContain(post.id);
      expect(await search(q), q).toBeInstanceOf(Array);
    }
    expect(await db.post.count()).toBe(posts);
  });

  it("has a GIN index on the generated search vector that the match can use", async () => {
    const plan = await db.$transaction(async (tx) => {
      // The test tables are small enough for a sequential scan to win; ask what else is possible.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT id FROM posts WHERE search_vector @@ websearch_to_tsquery('english', 'redis cache')`;
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("posts_search_vector_idx");
  });

  // The parser never sees most punctuation (it is quadratic on some of it, issue 9): documents
  // and queries are both read with it made spaces, so words joined by it are still found.
  it("finds words joined by punctuation, and hyphenated words whole", async () => {
    const w = word();
    const post = await createPost(author.id, {
      title: `Punctuation ${w}`,
      content: `Runs on node.js with a snake_case key, mail ${w}@example.com, see ~/notes/cache.md; state-of-the-art.`,
    });
    for (const q of [
      "node.js",
      "snake_case",
      `${w}@example.com`,
      "notes/cache.md",
      "state-of-the-art",
      `"snake case" ${w}`,
    ]) {
      expect(
        (await search(q)).map((h) => h.id),
        q,
      ).toContain(post.id);
    }
    expect((await search(`node.js -${w}`)).map((h) => h.id)).not.toContain(post.id);
  });

  it("refuses empty and overlong queries with a clear message, before any work", async () => {
    for (const q of [null, "", "   ", "\t\n"]) {
      expect(() => parseSearchQuery(q)).toThrow(
        expect.objectContaining({
          status: 400,
          message: "Enter something to search for.",
          fields: { q: "Enter something to search for." },
        }),
      );
    }
    expect(() => parseSearchQuery("x".repeat(201))).toThrow(
      expect.objectContaining({ status: 400, fields: { q: "Search for at most 200 characters." } }),
    );
    expect(parseSearchQuery("x".repeat(200))).toHaveLength(200);
  });
});

describe("GET /api/search", () => {
  // A client address of its own, so this file's searches are counted apart from any other's.
  const from = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const get = (query: string) =>
    GET(
      new Request(`http://blog.test/api/search?${query}`, { headers: { "x-forwarded-for": from } }),
      undefined,
    );

  it("answers results, clear 400s, and a JSON 429 with Retry-After after 10 searches a minute", async () => {
    const w = word();
    await createPost(author.id, {
      title: `Via the API ${w}`,
      content: "Found through GET /api/search.",
    });
    const ok = await get(`q=${w}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-cache")).toBe("MISS");
    expect(ok.headers.get("x-ratelimit-limit")).toBe("10");
    const body = await ok.json();
    expect(body.query).toBe(w);
    expect(body.results[0]).toMatchObject({
      title: `Via the API ${w}`,
      titleHtml: `Via the API <mark>${w}</mark>`,
    });
    expect((await get(`q=${w}`)).headers.get("x-cache")).toBe("HIT");

    const empty = await get("q=%20%20");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "Enter something to search for.",
        fields: { q: "Enter something to search for." },
      },
    });
    expect((await get("")).status).toBe(400);
    const huge = await get(`q=${"a".repeat(10_240)}`);
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.fields.q).toBe("Search for at most 200 characters.");

    for (let i = 6; i <= 10; i++) expect((await get(`q=${w}+${i}`)).status).toBe(200);
    const limited = await get(`q=${w}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatchObject({
      code: "rate_limited",
      retryAfter: expect.any(Number),
    });
  });
});
