import { starters as starterGallery } from "@/engine-runtime/starters";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { save } from "./save.handler";
import { create, duplicate, get, list, remove, rename } from "./strategies.handler";
import {
  createInput,
  idInput,
  listInput,
  nameVersionInput,
  renameInput,
  restoreInput,
  saveInput,
} from "./strategies.schema";
import { nameVersion, restore, versions } from "./versions.handler";

/** A trader's own strategies and their versions; another user's ids answer NOT_FOUND. */
export const strategiesRouter = createTRPCRouter({
  list: protectedProcedure.input(listInput).query(({ ctx, input }) => list(ctx, input)),
  create: protectedProcedure.input(createInput).mutation(({ ctx, input }) => create(ctx, input)),
  get: protectedProcedure.input(idInput).query(({ ctx, input }) => get(ctx, input)),
  rename: protectedProcedure.input(renameInput).mutation(({ ctx, input }) => rename(ctx, input)),
  duplicate: protectedProcedure.input(idInput).mutation(({ ctx, input }) => duplicate(ctx, input)),
  delete: protectedProcedure.input(idInput).mutation(({ ctx, input }) => remove(ctx, input)),
  save: protectedProcedure.input(saveInput).mutation(({ ctx, input }) => save(ctx, input)),
  versions: protectedProcedure.input(idInput).query(({ ctx, input }) => versions(ctx, input)),
  nameVersion: protectedProcedure
    .input(nameVersionInput)
    .mutation(({ ctx, input }) => nameVersion(ctx, input)),
  restore: protectedProcedure.input(restoreInput).mutation(({ ctx, input }) => restore(ctx, input)),
  starters: publicProcedure.query(() =>
    starterGallery.map(({ id, name, description, tags }) => ({ id, name, description, tags })),
  ),
});
