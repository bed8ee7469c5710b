import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, protectedProcedure, rateLimited } from "@/server/api/trpc";
import { DataError } from "@/server/data/service";
import { encodeBars } from "@/server/data/wire";
import {
  addCredentialInput,
  addSymbolInput,
  barsInput,
  credentialIdInput,
  datasetIdInput,
  uploadInput,
} from "./data.schema";

/** Turns the data services' refusals into API errors with the same sentence. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DataError) throw new TRPCError({ code: error.code, message: error.message });
    throw error;
  }
}

/** The Data page's API: datasets, uploads, venue symbols, API keys and venue status. */
export const dataRouter = createTRPCRouter({
  datasets: protectedProcedure.query(({ ctx }) => ctx.services.data.list(ctx.user.id)),
  /**
   * Stores a CSV as a dataset. Large files come in parts of one `uploadId`; every part but the
   * last answers `{ received }`, the last answers the stored dataset (or the parser's sentences).
   */
  upload: protectedProcedure
    .use(rateLimited("data.upload", 300, 60_000))
    .input(uploadInput)
    .mutation(({ ctx, input }) =>
      answer(async () => {
        const dataset = await ctx.services.data.upload(ctx.user.id, {
          name: input.name,
          text: input.csv,
          uploadId: input.uploadId ?? randomUUID(),
          part: input.part,
          parts: input.parts,
          timeframe: input.timeframe,
        });
        return { received: input.part + 1, dataset };
      }),
    ),
  deleteDataset: protectedProcedure
    .input(datasetIdInput)
    .mutation(({ ctx, input }) => answer(() => ctx.services.data.remove(ctx.user.id, input.id))),
  addSymbol: protectedProcedure
    .use(rateLimited("data.addSymbol", 20, 60_000))
    .input(addSymbolInput)
    .mutation(({ ctx, input }) => answer(() => ctx.services.data.addSymbol(ctx.user.id, input))),
  /** A dataset's bars for the canvas preview, as base64 little-endian Float64 columns. */
  bars: protectedProcedure.input(barsInput).query(({ ctx, input }) =>
    answer(async () => {
      const summary = await ctx.services.data.find(ctx.user.id, input.id);
      if (!summary) throw new DataError("NOT_FOUND", "This dataset does not exist or is not yours.");
      const bars = await ctx.services.data.load(ctx.user.id, input.id, { last: input.last });
      return { id: input.id, timeframe: summary.timeframe, ...encodeBars(bars) };
    }),
  ),
  status: protectedProcedure.query(({ ctx }) => ctx.services.data.status(ctx.user.id)),
  credentials: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) => ctx.services.data.credentials.list(ctx.user.id)),
    add: protectedProcedure
      .use(rateLimited("data.credentials.add", 10, 60_000))
      .input(addCredentialInput)
      .mutation(({ ctx, input }) =>
        ctx.services.data.credentials.add(ctx.user.id, input.venue, input.label, {
          keyId: input.keyId,
          secretKey: input.secretKey,
        }),
      ),
    remove: protectedProcedure.input(credentialIdInput).mutation(async ({ ctx, input }) => {
      if (!(await ctx.services.data.credentials.remove(ctx.user.id, input.id))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "This API key does not exist or is not yours." });
      }
      return { removed: true };
    }),
  }),
});
