-- Market data: bars kept once per (venue, symbol, timeframe), with what was fetched and what is known missing.
-- Bars are market data, not money: OHLCV are DOUBLE PRECISION (float8), exactly the engine's Float64 columns.

-- CreateTable
CREATE TABLE "market_series" (
    "id" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "timeframe" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "market_series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_bars" (
    "series_id" TEXT NOT NULL,
    "time" BIGINT NOT NULL,
    "open" DOUBLE PRECISION NOT NULL,
    "high" DOUBLE PRECISION NOT NULL,
    "low" DOUBLE PRECISION NOT NULL,
    "close" DOUBLE PRECISION NOT NULL,
    "volume" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "market_bars_pkey" PRIMARY KEY ("series_id","time")
);

-- CreateTable
CREATE TABLE "market_coverage" (
    "id" TEXT NOT NULL,
    "series_id" TEXT NOT NULL,
    "from_time" BIGINT NOT NULL,
    "to_time" BIGINT NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "market_coverage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_gaps" (
    "id" TEXT NOT NULL,
    "series_id" TEXT NOT NULL,
    "from_time" BIGINT NOT NULL,
    "to_time" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "market_gaps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "market_series_venue_symbol_timeframe_key" ON "market_series"("venue", "symbol", "timeframe");

-- CreateIndex
CREATE INDEX "market_coverage_series_id_from_time_idx" ON "market_coverage"("series_id", "from_time");

-- CreateIndex
CREATE INDEX "market_gaps_series_id_from_time_idx" ON "market_gaps"("series_id", "from_time");

-- AddForeignKey
ALTER TABLE "market_bars" ADD CONSTRAINT "market_bars_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "market_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "market_coverage" ADD CONSTRAINT "market_coverage_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "market_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "market_gaps" ADD CONSTRAINT "market_gaps_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "market_series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
