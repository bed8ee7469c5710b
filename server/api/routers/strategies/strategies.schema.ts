import { z } from "zod";

/** Ids are cuids; anything longer is not one of ours, and the answer is the same "does not exist". */
const id = z.string().min(1, "Give the strategy's id.").max(100, "Strategy ids have at most 100 characters.");

const name = z
  .string()
  .trim()
  .min(1, "Give the strategy a name.")
  .max(120, "Strategy names have at most 120 characters.");

/** Checked by the handler with graphSchema, so the messages can name the node and field at fault. */
const graph = z.unknown();

const versionNumber = z
  .number()
  .int("Version numbers are whole numbers.")
  .min(1, "Version numbers start at 1.")
  .max(2_000_000_000, "That version number is too large.");

export const listInput = z
  .object({
    search: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  })
  .default({});

export const createInput = z.object({
  name,
  starter: z.string().max(100).optional(),
  graph: graph.optional(),
});

export const idInput = z.object({ id });

export const renameInput = z.object({ id, name });

export const saveInput = z.object({
  id,
  graph,
  baseVersion: z.number().int("The base version is a whole number.").min(0, "The base version is 0 or more."),
  force: z.boolean().optional(),
  label: z.string().trim().max(120, "Version names have at most 120 characters.").optional(),
});

export const nameVersionInput = z.object({
  id,
  version: versionNumber,
  label: z.string().trim().max(120, "Version names have at most 120 characters."),
});

export const restoreInput = z.object({ id, version: versionNumber });
