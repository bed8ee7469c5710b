import { createTRPCRouter, protectedProcedure, rateLimited } from "@/server/api/trpc";
import { changePaper, getPaper, listPaper, startPaper } from "./paper.handler";
import { listPaperInput, paperIdInput, startPaperInput } from "./paper.schema";

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
});
