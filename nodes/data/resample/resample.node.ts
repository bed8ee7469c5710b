import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { CompletedBucket, RESAMPLE_TIMEFRAMES } from "../timeframes";

export const resample = defineNode({
  type: "data.resample",
  version: 1,
  title: "Higher Timeframe",
  category: "data",
  description:
    "Turns bars into bars of a longer timeframe, e.g. 5-minute bars into hourly or daily bars, so a strategy can follow the bigger trend. Every bar sees the last FINISHED higher-timeframe bar, never the one still forming, so a backtest cannot peek at prices that were not known yet. Hours and shorter start at whole multiples since 1970 (UTC), days at 00:00 UTC and weeks on Monday 00:00 UTC; the output's time is the start of that higher-timeframe bar. Values are empty until the first higher-timeframe bar has finished.",
  reference:
    "TradingView request.security(symbol, timeframe, value[1], lookahead = barmerge.lookahead_on), the non-repainting form",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "bars", type: "bars", label: "Higher timeframe bars" }],
  params: z.object({
    timeframe: z.enum(RESAMPLE_TIMEFRAMES).default("1d").describe("The longer bar length to build."),
  }),
  warmup: () => 0,
  kernel: ({ timeframe }, { start }) => {
    const bucket = new CompletedBucket(timeframe);
    return {
      run(
        [time, open, high, low, close, volume],
        [outTime, outOpen, outHigh, outLow, outClose, outVolume],
        from,
        to,
      ) {
        for (let i = from; i < to; i++) {
          if (i >= start) bucket.push(time[i], open[i], high[i], low[i], close[i], volume[i]);
          outTime[i] = bucket.time;
          outOpen[i] = bucket.open;
          outHigh[i] = bucket.high;
          outLow[i] = bucket.low;
          outClose[i] = bucket.close;
          outVolume[i] = bucket.volume;
        }
      },
    };
  },
});
