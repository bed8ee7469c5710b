-- Paper trading: sessions with their balance sheet and lease, orders with idempotent client order ids, fills, equity.

-- CreateEnum
CREATE TYPE "paper_session_status" AS ENUM ('running', 'paused', 'stopped', 'failed');

-- CreateTable
CREATE TABLE "paper_sessions" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "strategy_version_id" TEXT NOT NULL,
    "status" "paper_session_status" NOT NULL DEFAULT 'running',
    "dataset" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "timeframe" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "initial_cash" DECIMAL(20,8) NOT NULL,
    "cash" DECIMAL(20,8) NOT NULL,
    "position" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "equity" DECIMAL(20,8) NOT NULL,
    "warmup_from" BIGINT NOT NULL,
    "live_from" BIGINT NOT NULL,
    "last_bar_time" BIGINT,
    "last_price" DOUBLE PRECISION,
    "error" TEXT,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "stopped_at" TIMESTAMPTZ(3),

    CONSTRAINT "paper_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_orders" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "client_order_id" TEXT NOT NULL,
    "rule" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "order_type" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "limit_price" DECIMAL(20,8),
    "stop_price" DECIMAL(20,8),
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "placed_at" BIGINT NOT NULL,
    "updated_at" BIGINT NOT NULL,

    CONSTRAINT "paper_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_fills" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "fill_key" TEXT NOT NULL,
    "client_order_id" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "quantity" DECIMAL(20,8) NOT NULL,
    "price" DECIMAL(20,8) NOT NULL,
    "commission" DECIMAL(20,8) NOT NULL,
    "purpose" TEXT NOT NULL,
    "time" BIGINT NOT NULL,

    CONSTRAINT "paper_fills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_equity" (
    "session_id" TEXT NOT NULL,
    "time" BIGINT NOT NULL,
    "equity" DECIMAL(20,8) NOT NULL,

    CONSTRAINT "paper_equity_pkey" PRIMARY KEY ("session_id","time")
);

-- CreateIndex
CREATE INDEX "paper_sessions_owner_id_created_at_idx" ON "paper_sessions"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "paper_sessions_status_lease_expires_at_idx" ON "paper_sessions"("status", "lease_expires_at");

-- CreateIndex
CREATE INDEX "paper_sessions_strategy_version_id_idx" ON "paper_sessions"("strategy_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "paper_orders_client_order_id_key" ON "paper_orders"("client_order_id");

-- CreateIndex
CREATE INDEX "paper_orders_session_id_placed_at_idx" ON "paper_orders"("session_id", "placed_at");

-- CreateIndex
CREATE UNIQUE INDEX "paper_fills_fill_key_key" ON "paper_fills"("fill_key");

-- CreateIndex
CREATE INDEX "paper_fills_session_id_time_idx" ON "paper_fills"("session_id", "time");

-- CreateIndex
CREATE INDEX "paper_fills_client_order_id_idx" ON "paper_fills"("client_order_id");

-- AddForeignKey
ALTER TABLE "paper_sessions" ADD CONSTRAINT "paper_sessions_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_sessions" ADD CONSTRAINT "paper_sessions_strategy_version_id_fkey" FOREIGN KEY ("strategy_version_id") REFERENCES "strategy_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_orders" ADD CONSTRAINT "paper_orders_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "paper_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_fills" ADD CONSTRAINT "paper_fills_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "paper_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_fills" ADD CONSTRAINT "paper_fills_client_order_id_fkey" FOREIGN KEY ("client_order_id") REFERENCES "paper_orders"("client_order_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_equity" ADD CONSTRAINT "paper_equity_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "paper_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
