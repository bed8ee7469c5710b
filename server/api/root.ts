import { authRouter } from "@/server/api/routers/auth";
import { backtestsRouter } from "@/server/api/routers/backtests";
import { dataRouter } from "@/server/api/routers/data";
import { marketplaceRouter } from "@/server/api/routers/marketplace";
import { paperRouter } from "@/server/api/routers/paper";
import { strategiesRouter } from "@/server/api/routers/strategies";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";

/** Every router of the API, by domain. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  strategies: strategiesRouter,
  backtests: backtestsRouter,
  marketplace: marketplaceRouter,
  data: dataRouter,
  paper: paperRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
