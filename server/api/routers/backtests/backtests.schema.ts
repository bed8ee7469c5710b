import { z } from "zod";
import { runSettingsSchema } from "@/engine-runtime/execution/settings";

const id = z.string().min(1).max(64);

export const startBacktestInput = z.object({
  strategyId: id,
  /** A version number; the newest saved version when absent. */
  version: z.number().int().positive().optional(),
  dataset: z.string().min(1).max(200),
  settings: runSettingsSchema.prefault({}),
});

export const backtestIdInput = z.object({ id });
export const listBacktestsInput = z.object({
  strategyId: id.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
