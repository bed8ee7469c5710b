import { createTRPCRouter, protectedProcedure, rateLimited } from "@/server/api/trpc";
import { changePaper, checkSymbol, getPaper, listPaper, startPaper } from "./paper.handler";
import { checkSymbolInput, listPaperInput, paperIdInput, startPaperInput } from "./paper.schema";

export const paperRouter = createTRPCRouter({
  start: protectedProcedure
    .use(rateLimited("paper.start", 20, 60_000))
    .input(startPaperInput)
    .mutation(({ ctx, input }) => startPaper(ctx, input)),
  stop: protectedProcedure.input(paperIdInput).mutation(({ ctx, input }) => changePaper(ctx, input, "stop")),
  pause: protectedProcedure
    .input(paperIdInput)
    .mutation(({ ctx, input }) => changePaper(ctx, input, "pause")),
  resume: protectedProcedure
    .input(paperIdInput)
    .mutation(({ ctx, input }) => changePaper(ctx, input, "resume")),
  list: protectedProcedure.input(listPaperInput).query(({ ctx, input }) => listPaper(ctx, input)),
  get: protectedProcedure.input(paperIdInput).query(({ ctx, input }) => getPaper(ctx, input)),
  /** Whether a live market's venue trades a symbol: asked as the trader types, so it is rate limited. */
  checkSymbol: protectedProcedure
    .use(rateLimited("paper.checkSymbol", 60, 60_000))
    .input(checkSymbolInput)
    .query(({ ctx, input }) => checkSymbol(ctx, input)),
});
