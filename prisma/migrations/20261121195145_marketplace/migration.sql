-- CreateTable
CREATE TABLE "templates" (
    "id" TEXT NOT NULL,
    "strategy_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tags" TEXT[],
    "market" TEXT NOT NULL,
    "timeframe" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "head_version" INTEGER NOT NULL DEFAULT 1,
    "node_types" TEXT[],
    "embedding" DOUBLE PRECISION[],
    "search_text" TEXT NOT NULL,
    "sharpe" DOUBLE PRECISION,
    "total_return" DOUBLE PRECISION,
    "max_drawdown" DOUBLE PRECISION,
    "fork_count" INTEGER NOT NULL DEFAULT 0,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "template_versions" (
    "id" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "source_version" INTEGER NOT NULL,
    "graph" JSONB NOT NULL,
    "plan" JSONB NOT NULL,
    "plan_hash" TEXT NOT NULL,
    "embedding" DOUBLE PRECISION[],
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "template_ratings" (
    "id" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "template_ratings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "templates_strategy_id_key" ON "templates"("strategy_id");

-- CreateIndex
CREATE INDEX "templates_author_id_idx" ON "templates"("author_id");

-- CreateIndex
CREATE INDEX "templates_published_created_at_idx" ON "templates"("published", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "template_versions_template_id_number_key" ON "template_versions"("template_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "template_ratings_template_id_user_id_key" ON "template_ratings"("template_id", "user_id");

-- CreateIndex
CREATE INDEX "template_ratings_user_id_idx" ON "template_ratings"("user_id");

-- AddForeignKey
ALTER TABLE "templates" ADD CONSTRAINT "templates_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "templates" ADD CONSTRAINT "templates_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "template_ratings" ADD CONSTRAINT "template_ratings_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "template_ratings" ADD CONSTRAINT "template_ratings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over what a trader would type (hand-written: Prisma cannot express it).
-- An expression index holds no column of its own, so schema.prisma stays the whole truth.
CREATE INDEX "templates_search_idx" ON "templates" USING GIN (to_tsvector('english', "search_text"));
