-- Full text search over posts: a stored generated tsvector (title weighted A, content B), kept
-- up to date by Postgres on every insert and update, and a GIN index for `search_vector @@ query`.
-- The 'english' configuration is named explicitly: a generated column needs an immutable expression.
ALTER TABLE "posts" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "content"), 'B')
) STORED;

-- CreateIndex
CREATE INDEX "posts_search_vector_idx" ON "posts" USING GIN ("search_vector");
