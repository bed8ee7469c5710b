-- Each equity point keeps its bar's close, so a session page opened mid-session draws the price
-- line it traded on (a live market's bars are not stored anywhere else). Null on earlier points.

-- AlterTable
ALTER TABLE "paper_equity" ADD COLUMN     "close" DECIMAL(20,8);
