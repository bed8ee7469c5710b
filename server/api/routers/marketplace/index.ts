import { createTRPCRouter, protectedProcedure, publicProcedure, rateLimited } from "@/server/api/trpc";
import { facets, get, mine, search, similar, similarToEmbedding } from "./marketplace.handler";
import {
  forkInput,
  getInput,
  publishInput,
  rateInput,
  searchInput,
  similarInput,
  similarToEmbeddingInput,
  templateIdInput,
} from "./marketplace.schema";
import { fork, publish, rate, unpublish } from "./publish.handler";

/**
 * The marketplace: published templates anyone can browse, fork and rate. An unpublished template
 * is visible to its author only; to everyone else its id answers NOT_FOUND everywhere.
 */
export const marketplaceRouter = createTRPCRouter({
  search: publicProcedure.input(searchInput).query(({ ctx, input }) => search(ctx, input)),
  facets: publicProcedure.query(({ ctx }) => facets(ctx)),
  get: publicProcedure.input(getInput).query(({ ctx, input }) => get(ctx, input)),
  similar: publicProcedure.input(similarInput).query(({ ctx, input }) => similar(ctx, input)),
  similarToEmbedding: publicProcedure
    .use(rateLimited("marketplace.similarToEmbedding", 120, 60_000))
    .input(similarToEmbeddingInput)
    .query(({ ctx, input }) => similarToEmbedding(ctx, input)),
  mine: protectedProcedure.query(({ ctx }) => mine(ctx)),
  publish: protectedProcedure
    .use(rateLimited("marketplace.publish", 10, 60 * 60_000))
    .input(publishInput)
    .mutation(({ ctx, input }) => publish(ctx, input)),
  unpublish: protectedProcedure.input(templateIdInput).mutation(({ ctx, input }) => unpublish(ctx, input)),
  fork: protectedProcedure
    .use(rateLimited("marketplace.fork", 30, 60_000))
    .input(forkInput)
    .mutation(({ ctx, input }) => fork(ctx, input)),
  rate: protectedProcedure
    .use(rateLimited("marketplace.rate", 20, 60_000))
    .input(rateInput)
    .mutation(({ ctx, input }) => rate(ctx, input)),
});
