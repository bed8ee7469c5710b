import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { orderedPeriods } from "../apo/apo.node.ts";
import { createEma } from "../ema/ema.node.ts";

export const macd = defineNode({
  type: "indicators.macd",
  version: 1,
  title: "MACD",
  category: "indicators",
  description:
    "Moving average convergence/divergence (Appel): the MACD line is EMA(fast) − EMA(slow), the signal line " +
    "is an EMA of the MACD line, the histogram is their difference. A MACD crossing above its signal is a classic " +
    "buy trigger. As in TA-Lib, the fast EMA is seeded on the same bars as the slow one ends its warm-up, and all " +
    "three outputs start together, after slow − 1 + signal − 1 bars.",
  reference: "TA-Lib MACD",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [
    { name: "macd", type: "series", label: "MACD" },
    { name: "signal", type: "series", label: "Signal" },
    { name: "histogram", type: "series", label: "Histogram" },
  ],
  params: z.object({
    fastPeriod: z.number().int().min(2).max(100_000).default(12).describe("Bars in the fast EMA."),
    slowPeriod: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(26)
      .describe("Bars in the slow EMA. If it is shorter than the fast one, the two are swapped."),
    signalPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(9)
      .describe("Bars in the EMA of the MACD line that makes the signal line."),
  }),
  warmup: ({ fastPeriod, slowPeriod, signalPeriod }) =>
    orderedPeriods(fastPeriod, slowPeriod)[1] - 1 + signalPeriod - 1,
  kernel: ({ fastPeriod, slowPeriod, signalPeriod }, { start }) => {
    const [fastLength, slowLength] = orderedPeriods(fastPeriod, slowPeriod);
    const lineStart = start + slowLength - 1;
    // TA-Lib seeds the fast EMA so that its first value lands on the slow EMA's first bar.
    const fast = createEma(fastLength, lineStart - (fastLength - 1));
    const slow = createEma(slowLength, start);
    const signal = createEma(signalPeriod, lineStart);
    const first = lineStart + signalPeriod - 1;
    const reading: Float64Array[] = [];
    const into: Float64Array[] = [];
    return {
      run([source], [macdOut, signalOut, histogramOut], from, to) {
        // The outputs serve as the inner EMAs' columns, as an EMA reads only the bars it is given
        // and writes each after reading it: the fast EMA lands in the histogram, the slow one in
        // the signal line until the signal EMA replaces it, the MACD line in its own output.
        reading[0] = source;
        into[0] = histogramOut;
        fast.run(reading, into, from, to);
        into[0] = signalOut;
        slow.run(reading, into, from, to);
        difference(histogramOut, signalOut, macdOut, from, to);
        reading[0] = macdOut;
        signal.run(reading, into, from, to);
        macdOutputs(macdOut, signalOut, histogramOut, from, to, first);
      },
    };
  },
});

/**
 * a − b into `out` for bars [from, to).
 */
function difference(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out[i] = a[i] - b[i];
}

/** The histogram from the line and the signal, and all three NaN before `first`. */
function macdOutputs(
  line: Float64Array,
  signal: Float64Array,
  histogram: Float64Array,
  from: number,
  to: number,
  first: number,
): void {
  let i = from;
  for (; i < to && i < first; i++) line[i] = signal[i] = histogram[i] = Number.NaN;
  for (; i < to; i++) histogram[i] = line[i] - signal[i];
}
