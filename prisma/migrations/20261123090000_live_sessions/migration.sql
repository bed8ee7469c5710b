-- Live sessions: a session's broker, what each order asked the broker for, and the session's journal.

-- AlterTable
ALTER TABLE "paper_sessions" ADD COLUMN     "broker" TEXT NOT NULL DEFAULT 'simulated';

-- AlterTable
ALTER TABLE "paper_orders" ADD COLUMN     "broker_order_id" TEXT,
ADD COLUMN     "quantity" DECIMAL(20,8),
ADD COLUMN     "side" TEXT,
ADD COLUMN     "submitted_at" BIGINT,
ADD COLUMN     "time_in_force" TEXT;

-- CreateTable
CREATE TABLE "paper_journal" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "paper_journal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "paper_journal_session_id_at_idx" ON "paper_journal"("session_id", "at");

-- AddForeignKey
ALTER TABLE "paper_journal" ADD CONSTRAINT "paper_journal_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "paper_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
