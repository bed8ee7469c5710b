import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

const OPEN = 1;
const HIGH = 2;
const LOW = 3;
const CLOSE = 4;

export const heikinAshi = defineNode({
  type: "indicators.heikinAshi",
  version: 1,
  title: "Heikin-Ashi",
  category: "indicators",
  description:
    "Heikin-Ashi candles: close = (open + high + low + close) / 4, open = midpoint of the previous Heikin-Ashi " +
    "open and close, high/low = the extremes of the bar's high/low and the Heikin-Ashi open and close. The first " +
    "bar's open is (open + close) / 2. Smooths candles so trends read as runs of one colour.",
  reference:
    "Published Heikin-Ashi definition (Dan Valcu, 2004); checked against technicalindicators HeikinAshi",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "haOpen", type: "series", label: "HA open" },
    { name: "haHigh", type: "series", label: "HA high" },
    { name: "haLow", type: "series", label: "HA low" },
    { name: "haClose", type: "series", label: "HA close" },
  ],
  params: z.object({}),
  warmup: () => 0,
  kernel: (_params, { start }) => {
    let previousOpen = Number.NaN;
    let previousClose = Number.NaN;
    return {
      run(inputs, [haOpen, haHigh, haLow, haClose], from, to) {
        const open = inputs[OPEN];
        const high = inputs[HIGH];
        const low = inputs[LOW];
        const close = inputs[CLOSE];
        for (let i = from; i < to; i++) {
          if (i < start) {
            haOpen[i] = Number.NaN;
            haHigh[i] = Number.NaN;
            haLow[i] = Number.NaN;
            haClose[i] = Number.NaN;
            continue;
          }
          const o = i === start ? (open[i] + close[i]) / 2 : (previousOpen + previousClose) / 2;
          const c = (open[i] + high[i] + low[i] + close[i]) / 4;
          haOpen[i] = o;
          haClose[i] = c;
          haHigh[i] = Math.max(high[i], o, c);
          haLow[i] = Math.min(low[i], o, c);
          previousOpen = o;
          previousClose = c;
        }
      },
    };
  },
});
