import { createTRPCRouter, protectedProcedure, rateLimited } from "@/server/api/trpc";
import { cancelBacktest, getBacktest, listBacktests, startBacktest } from "./backtests.handler";
import { backtestIdInput, listBacktestsInput, startBacktestInput } from "./backtests.schema";

export const backtestsRouter = createTRPCRouter({
  start: protectedProcedure
    .use(rateLimited("backtests.start", 30, 60_000))
    .input(startBacktestInput)
    .mutation(({ ctx, input }) => startBacktest(ctx, input)),
  get: protectedProcedure.input(backtestIdInput).query(({ ctx, input }) => getBacktest(ctx, input)),
  list: protectedProcedure.input(listBacktestsInput).query(({ ctx, input }) => listBacktests(ctx, input)),
  cancel: protectedProcedure.input(backtestIdInput).mutation(({ ctx, input }) => cancelBacktest(ctx, input)),
});
