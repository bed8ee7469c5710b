import { z } from "zod";
import { decimal } from "./klines";

/** `<symbol>@kline_<interval>` payload; `k.x` says whether the kline has closed. */
export const klineEvent = z.object({
  e: z.literal("kline"),
  E: z.number().int(),
  s: z.string(),
  k: z.object({
    t: z.number().int(),
    T: z.number().int(),
    s: z.string(),
    i: z.string(),
    f: z.number().int(),
    L: z.number().int(),
    o: decimal,
    c: decimal,
    h: decimal,
    l: decimal,
    v: decimal,
    n: z.number().int(),
    x: z.boolean(),
    q: decimal,
    V: decimal,
    Q: decimal,
    B: z.string(),
  }),
});
export type KlineEvent = z.infer<typeof klineEvent>;

/** `<symbol>@trade` payload. */
export const tradeEvent = z.object({
  e: z.literal("trade"),
  E: z.number().int(),
  s: z.string(),
  t: z.number().int(),
  p: decimal,
  q: decimal,
  T: z.number().int(),
  m: z.boolean(),
  M: z.boolean(),
});
export type TradeEvent = z.infer<typeof tradeEvent>;

/** Combined streams (`/stream?streams=a/b`) wrap each payload as `{"stream": name, "data": payload}`. */
export const combinedStreamMessage = z.object({
  stream: z.string(),
  data: z.discriminatedUnion("e", [klineEvent, tradeEvent]),
});
export type CombinedStreamMessage = z.infer<typeof combinedStreamMessage>;
