import { z } from "zod";
import { alpacaBar } from "./bars";

/** Every stream frame is an array of messages, each tagged by `T`. */
export const streamFrame = z.array(z.looseObject({ T: z.string() }));

export const controlSuccess = z.object({ T: z.literal("success"), msg: z.string() });
export const controlError = z.object({ T: z.literal("error"), code: z.number().int(), msg: z.string() });
export const subscriptionAck = z.looseObject({
  T: z.literal("subscription"),
  bars: z.array(z.string()).optional(),
  trades: z.array(z.string()).optional(),
});
export const streamBar = alpacaBar.extend({ T: z.literal("b"), S: z.string() });
export const streamTrade = z.looseObject({
  T: z.literal("t"),
  S: z.string(),
  p: z.number(),
  s: z.number(),
  t: z.iso.datetime({ offset: true }),
});
