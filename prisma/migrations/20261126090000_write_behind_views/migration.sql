-- CreateTable
CREATE TABLE "view_flushes" (
    "batch_id" TEXT NOT NULL,
    "post_id" INTEGER NOT NULL,
    "delta" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "view_flushes_pkey" PRIMARY KEY ("batch_id")
);

-- CreateIndex
CREATE INDEX "view_flushes_created_at_idx" ON "view_flushes"("created_at");

-- CreateIndex
CREATE INDEX "posts_published_view_count_idx" ON "posts"("published", "view_count" DESC);
