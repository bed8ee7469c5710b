-- Session markets: a paper session reads a replayed dataset or a venue's live market.

-- AlterTable
ALTER TABLE "paper_sessions" ADD COLUMN     "market" TEXT NOT NULL DEFAULT 'replay';
