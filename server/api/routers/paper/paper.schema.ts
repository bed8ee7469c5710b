import { z } from "zod";
import { SESSION_BROKERS } from "@/server/trading/live/session";
import { paperSettingsSchema } from "@/server/trading/settings";

const id = z.string().min(1).max(64);

export const startPaperInput = z.object({
  strategyId: id,
  /** A version number; the newest saved version when absent. */
  version: z.number().int().positive().optional(),
  dataset: z.string().min(1).max(200),
  settings: paperSettingsSchema.prefault({}),
  /** Where orders go: fills simulated here, or the owner's Alpaca paper account. */
  broker: z.enum(SESSION_BROKERS).default("simulated"),
  /** The symbol the broker trades; the dataset's own symbol when absent. */
  symbol: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9.]{0,9}(\/[A-Z]{2,5})?$/, "Enter a symbol Alpaca trades, such as AAPL or BTC/USD.")
    .optional(),
});

export const paperIdInput = z.object({ id });
export const listPaperInput = z.object({
  strategyId: id.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
