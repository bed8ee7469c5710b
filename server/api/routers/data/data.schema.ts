import { z } from "zod";
import { parseTimestamp } from "@/engine-runtime/data/csv";
import { TIMEFRAMES } from "@/nodes/data/timeframes";
import { KEYED_VENUES } from "@/server/data/credentials";
import { SYNC_VENUES } from "@/server/data/service";

/** Characters of CSV per request: keeps each part well inside the API's 2 MB body limit. */
export const MAX_PART_CHARS = 1_000_000;

const datasetId = z.string().min(1).max(200);
const date = (field: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const time = parseTimestamp(text);
      if (Number.isNaN(time)) {
        ctx.addIssue({
          code: "custom",
          message: `"${text}" is not a date; use YYYY-MM-DD, such as 2024-01-31.`,
        });
        return z.NEVER;
      }
      return time;
    })
    .describe(field);

export const uploadInput = z.object({
  name: z.string().trim().min(1, "give the dataset a name").max(120, "use at most 120 characters"),
  csv: z.string().max(MAX_PART_CHARS, `send at most ${MAX_PART_CHARS} characters per part`),
  /** Parts of one file share an id; a file sent whole needs none. */
  uploadId: z
    .string()
    .regex(/^[\w-]{8,64}$/)
    .optional(),
  part: z.number().int().min(0).default(0),
  parts: z.number().int().min(1).max(100).default(1),
  /** Inferred from the bars' spacing when absent. */
  timeframe: z.enum(TIMEFRAMES).optional(),
});

export const datasetIdInput = z.object({ id: datasetId });

export const barsInput = z.object({
  id: datasetId,
  /** Only the newest bars: what a preview needs. */
  last: z.number().int().min(1).max(500_000).optional(),
});

export const addSymbolInput = z
  .object({
    venue: z.enum(SYNC_VENUES),
    symbol: z
      .string()
      .trim()
      .min(1, "enter a symbol, such as BTCUSDT or AAPL")
      .max(32)
      .regex(/^[A-Za-z0-9.\-/=^]+$/, "use letters, digits and . - / = ^ only"),
    timeframe: z.enum(TIMEFRAMES),
    from: date("from"),
    to: date("to").optional(),
  })
  .transform((input) => ({ ...input, to: input.to ?? Date.now() }))
  .refine((input) => input.to > input.from, { path: ["to"], message: "must be after the start date" });

export const addCredentialInput = z.object({
  venue: z.enum(KEYED_VENUES),
  label: z.string().trim().min(1, "give the key a name").max(60),
  keyId: z.string().trim().min(4, "paste the whole key id").max(128),
  secretKey: z.string().trim().min(8, "paste the whole secret key").max(256),
});

export const credentialIdInput = z.object({ id: z.string().min(1).max(64) });
