import { z } from "zod";
import { paperSettingsSchema } from "@/server/trading/settings";

const id = z.string().min(1).max(64);

export const startPaperInput = z.object({
  strategyId: id,
  /** A version number; the newest saved version when absent. */
  version: z.number().int().positive().optional(),
  dataset: z.string().min(1).max(200),
  settings: paperSettingsSchema.prefault({}),
});

export const paperIdInput = z.object({ id });
export const listPaperInput = z.object({
  strategyId: id.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
