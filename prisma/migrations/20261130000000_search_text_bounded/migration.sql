-- The search vector is built from a bounded, tamed copy of the text (issue 9). Postgres' default
-- text search parser is quadratic on some runs of punctuation: 100,000 characters of "_a" kept
-- to_tsvector busy for about two minutes (20 kB: 5 s), "~/", "./", "a-b." or "<!--" for tens of
-- seconds, and the generated column runs it inside every INSERT and UPDATE of a post. On words,
-- hyphens and white space it is linear. So every other ASCII punctuation character is made a
-- space before parsing, and at most 100,000 characters are parsed (the article limit).
-- Words and hyphenated words are indexed as before; an e-mail address, URL, host name or file
-- path is indexed as the words it is made of. Queries go through the same function
-- (lib/search/search.ts), so they find what was indexed.
CREATE FUNCTION search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(left(body, 100000), '!"#$%&''()*+,./:;<=>?@[\]^_`{|}~', repeat(' ', 31));

-- A generated column's expression cannot be changed in place (before Postgres 17): the column and
-- its index are made again, which recomputes every row's vector with the new expression.
ALTER TABLE "posts" DROP COLUMN "search_vector";
ALTER TABLE "posts" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', search_text("title")), 'A') || setweight(to_tsvector('english', search_text("content")), 'B')
) STORED;

-- CreateIndex
CREATE INDEX "posts_search_vector_idx" ON "posts" USING GIN ("search_vector");
