import { z } from "zod";
import { EMBEDDING_DIMENSION } from "@/engine-runtime/embedding";
import { SORTS } from "@/server/marketplace/search";

const id = z.string().min(1, "Give the template's id.").max(100, "Template ids have at most 100 characters.");

export const MARKETS = ["stocks", "crypto", "forex", "futures", "any"] as const;
export const TIMEFRAMES = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"] as const;

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Tags cannot be empty.")
  .max(30, "Tags have at most 30 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} %&+./-]*$/u, "Tags are words: letters, digits, spaces and - + . / % &.");

export const searchInput = z
  .object({
    text: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
    market: z.enum(MARKETS).optional(),
    timeframe: z.enum(TIMEFRAMES).optional(),
    tags: z.array(tag).max(10, "Filter by at most 10 tags.").optional(),
    nodeTypes: z.array(z.string().max(100)).max(10, "Filter by at most 10 node types.").optional(),
    sort: z.enum(SORTS).default("relevance"),
    limit: z.number().int().min(1).max(50).default(24),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .prefault({});

export const templateIdInput = z.object({ id });

export const getInput = z.object({
  id,
  /** A version number; the head version when absent. */
  version: z.number().int().min(1).max(2_000_000_000).optional(),
});

export const similarInput = z.object({ id, limit: z.number().int().min(1).max(20).default(6) });

/**
 * A plan's embedding, computed where the plan is (the editor embeds the graph being drawn in the
 * browser), so a query carries 256 numbers instead of a whole graph.
 */
export const similarToEmbeddingInput = z.object({
  embedding: z
    .array(z.number().finite().min(-1).max(1))
    .length(EMBEDDING_DIMENSION, `An embedding has ${EMBEDDING_DIMENSION} numbers.`),
  limit: z.number().int().min(1).max(20).default(6),
});

export const publishInput = z.object({
  strategyId: z
    .string()
    .min(1, "Give the strategy's id.")
    .max(100, "Strategy ids have at most 100 characters."),
  /** A version number; the newest saved version when absent. */
  version: z.number().int().min(1).max(2_000_000_000).optional(),
  title: z
    .string()
    .trim()
    .min(3, "Give the template a title of at least 3 characters.")
    .max(100, "Titles have at most 100 characters."),
  description: z
    .string()
    .trim()
    .min(20, "Describe the template in at least 20 characters: what it buys, when, and when it sells.")
    .max(10_000, "Descriptions have at most 10,000 characters."),
  tags: z.array(tag).max(10, "A template has at most 10 tags.").default([]),
  market: z.enum(MARKETS),
  timeframe: z.enum(TIMEFRAMES),
});

export const rateInput = z.object({
  id,
  stars: z
    .number()
    .int("Rate with whole stars.")
    .min(1, "Rate with 1 to 5 stars.")
    .max(5, "Rate with 1 to 5 stars."),
});

export const forkInput = z.object({
  id,
  name: z
    .string()
    .trim()
    .min(1, "Give the strategy a name.")
    .max(120, "Strategy names have at most 120 characters.")
    .optional(),
});
