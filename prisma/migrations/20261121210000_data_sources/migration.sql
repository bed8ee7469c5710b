-- Data sources: users' encrypted API keys, and the datasets (uploads and venue symbols) in each user's list.

-- CreateTable
CREATE TABLE "credentials" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_datasets" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "series_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "from_time" BIGINT,
    "to_time" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_datasets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credentials_owner_id_venue_idx" ON "credentials"("owner_id", "venue");

-- CreateIndex
CREATE INDEX "user_datasets_series_id_idx" ON "user_datasets"("series_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_datasets_owner_id_series_id_key" ON "user_datasets"("owner_id", "series_id");

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_datasets" ADD CONSTRAINT "user_datasets_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_datasets" ADD CONSTRAINT "user_datasets_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "market_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
