import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { createChannel } from "../donchian/donchian.node.ts";
import { ScratchColumn } from "../ema/scratch-column";

const CLOSE = 4;

export const ichimoku = defineNode({
  type: "indicators.ichimoku",
  version: 1,
  title: "Ichimoku Cloud",
  category: "indicators",
  description:
    "Ichimoku Kinko Hyo (Goichi Hosoda). Tenkan = midpoint of the highest high and lowest low over 9 bars, " +
    "kijun = the same over 26, senkou A = (tenkan + kijun) / 2 and senkou B = the midpoint over 52, both drawn " +
    "26 bars ahead. Nothing here looks ahead: at bar t the senkou outputs hold the values computed at bar " +
    "t − 26, i.e. the cloud as it is drawn under bar t. Chikou at bar t is bar t's close; charts draw it 26 bars " +
    "back, so a chikou rule ('chikou above price') is written as close > close 26 bars ago. All five outputs start " +
    "together once the senkou spans have values.",
  reference: "Hosoda's published definition (as on TradingView); checked against TA-Lib MIDPRICE",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "tenkan", type: "series", label: "Tenkan-sen" },
    { name: "kijun", type: "series", label: "Kijun-sen" },
    { name: "senkouA", type: "series", label: "Senkou span A" },
    { name: "senkouB", type: "series", label: "Senkou span B" },
    { name: "chikou", type: "series", label: "Chikou span" },
  ],
  params: z.object({
    tenkanPeriod: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(9)
      .describe("Bars in the conversion line (tenkan)."),
    kijunPeriod: z.number().int().min(1).max(10_000).default(26).describe("Bars in the base line (kijun)."),
    senkouBPeriod: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(52)
      .describe("Bars in the leading span B (senkou B)."),
    displacement: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(26)
      .describe("How many bars the cloud is drawn ahead (and the chikou behind)."),
  }),
  warmup: ({ tenkanPeriod, kijunPeriod, senkouBPeriod, displacement }) =>
    Math.max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1 + displacement,
  kernel: ({ tenkanPeriod, kijunPeriod, senkouBPeriod, displacement }, { start }) => {
    const periods = [tenkanPeriod, kijunPeriod, senkouBPeriod];
    const channels = periods.map((period) => createChannel(period, start));
    // Only each channel's middle is used, and read again `displacement` bars later: it is kept in
    // a column of our own. The upper and lower bands land in two outputs that are written after.
    const middles = periods.map(() => new ScratchColumn());
    const into: Float64Array[] = [];
    const first = start + Math.max(...periods) - 1 + displacement;
    return {
      run(inputs, outputs, from, to) {
        into[0] = outputs[2];
        into[2] = outputs[3];
        for (let c = 0; c < 3; c++) {
          into[1] = middles[c].reserve(to);
          channels[c].run(inputs, into, from, to);
        }
        const [tenkan, kijun, spanB] = middles.map((column) => column.reserve(to));
        cloud(inputs[CLOSE], tenkan, kijun, spanB, outputs, from, to, first, displacement);
      },
    };
  },
});

/**
 * The five lines for bars [from, to) from the channels' middles; all NaN before `first`.
 */
function cloud(
  close: Float64Array,
  tenkan: Float64Array,
  kijun: Float64Array,
  spanB: Float64Array,
  [tenkanOut, kijunOut, senkouAOut, senkouBOut, chikouOut]: readonly Float64Array[],
  from: number,
  to: number,
  first: number,
  displacement: number,
): void {
  for (let i = from; i < to; i++) {
    if (i < first) {
      tenkanOut[i] = Number.NaN;
      kijunOut[i] = Number.NaN;
      senkouAOut[i] = Number.NaN;
      senkouBOut[i] = Number.NaN;
      chikouOut[i] = Number.NaN;
      continue;
    }
    const drawnFrom = i - displacement;
    tenkanOut[i] = tenkan[i];
    kijunOut[i] = kijun[i];
    senkouAOut[i] = (tenkan[drawnFrom] + kijun[drawnFrom]) / 2;
    senkouBOut[i] = spanB[drawnFrom];
    chikouOut[i] = close[i];
  }
}
