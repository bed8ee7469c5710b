import { z } from "zod";
import { runSettingsSchema } from "@/engine-runtime/execution/settings";

/** A paper session's settings: the simulated execution's, and how fast a stored dataset replays. */
export const paperSettingsSchema = z.object({
  run: runSettingsSchema.prefault({}),
  barsPerSecond: z
    .number()
    .min(0.01)
    .max(100)
    .default(1)
    .describe("How many stored bars the replay feed plays per second."),
});

export type PaperSettings = z.output<typeof paperSettingsSchema>;

export function storedSettings(json: unknown): PaperSettings {
  return paperSettingsSchema.parse(json);
}
