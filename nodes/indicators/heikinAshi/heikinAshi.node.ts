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
    /** The previous Heikin-Ashi open and close. */
    const previous = new Float64Array(2);
    return {
      run(inputs, outputs, from, to) {
        const [haOpen, haHigh, haLow, haClose] = outputs;
        let i = from;
        for (; i < to && i < start; i++) haOpen[i] = haHigh[i] = haLow[i] = haClose[i] = Number.NaN;
        if (i < to)
          candles(inputs[OPEN], inputs[HIGH], inputs[LOW], inputs[CLOSE], outputs, i, to, start, previous);
      },
    };
  },
});

/**
 * The candles for bars [from, to) from `start` on, reading and updating `previous`.
 */
function candles(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  [haOpen, haHigh, haLow, haClose]: readonly Float64Array[],
  from: number,
  to: number,
  start: number,
  previous: Float64Array,
): void {
  let previousOpen = previous[0];
  let previousClose = previous[1];
  for (let i = from; i < to; i++) {
    const o = i === start ? (open[i] + close[i]) / 2 : (previousOpen + previousClose) / 2;
    const c = (open[i] + high[i] + low[i] + close[i]) / 4;
    haOpen[i] = o;
    haClose[i] = c;
    haHigh[i] = Math.max(high[i], o, c);
    haLow[i] = Math.min(low[i], o, c);
    previousOpen = o;
    previousClose = c;
  }
  previous[0] = previousOpen;
  previous[1] = previousClose;
}
