import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { CompletedBucket } from "@/nodes/data/timeframes";

export const pivotPoints = defineNode({
  type: "patterns.pivotPoints",
  version: 1,
  title: "Pivot Points",
  category: "patterns",
  description:
    "Classic floor-trader pivots from the previous day's high (H), low (L) and close (C): pivot P = (H + L + C) / 3, resistances R1 = 2P − L, R2 = P + (H − L), R3 = H + 2(P − L), supports S1 = 2P − H, S2 = P − (H − L), S3 = L − 2(H − P). Days are UTC days. On intraday bars every bar of a day uses the day before; on daily bars that is simply the previous bar. Empty until the first day has finished. Day traders fade moves into R1/S1 and trade breakouts beyond R2/S2.",
  reference: "Classic (floor) pivot points, as in TradingView's Pivot Points Standard, Traditional type",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "pivot", type: "series", label: "Pivot" },
    { name: "r1", type: "series", label: "R1" },
    { name: "r2", type: "series", label: "R2" },
    { name: "r3", type: "series", label: "R3" },
    { name: "s1", type: "series", label: "S1" },
    { name: "s2", type: "series", label: "S2" },
    { name: "s3", type: "series", label: "S3" },
  ],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "pivotPoints", params: [] },
  kernel: (_params, { start }) => {
    const day = new CompletedBucket("1d");
    return {
      run([time, open, high, low, close, volume], [pivot, r1, r2, r3, s1, s2, s3], from, to) {
        for (let i = from; i < to; i++) {
          if (i >= start) day.push(time[i], open[i], high[i], low[i], close[i], volume[i]);
          const h = day.high;
          const l = day.low;
          const p = (h + l + day.close) / 3;
          pivot[i] = p;
          r1[i] = 2 * p - l;
          r2[i] = p + (h - l);
          r3[i] = h + 2 * (p - l);
          s1[i] = 2 * p - h;
          s2[i] = p - (h - l);
          s3[i] = l - 2 * (h - p);
        }
      },
    };
  },
});
