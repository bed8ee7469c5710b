import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

const TIME = 0;
const HIGH = 2;
const LOW = 3;
const CLOSE = 4;
const VOLUME = 5;
const DAY_MS = 86_400_000;

export const vwap = defineNode({
  type: "indicators.vwap",
  version: 1,
  title: "VWAP (session)",
  category: "indicators",
  description:
    "Volume-weighted average price of the session so far: Σ(typical price × volume) / Σ volume, with typical " +
    "price (high + low + close) / 3. The session restarts at each UTC midnight (from the bars' time). While a " +
    "session has had no volume yet (e.g. index or FX data without volume), it is the plain mean of the " +
    "session's typical prices, so the line never goes blank. Intraday institutions use it as the fair price.",
  reference: "Published session VWAP definition (as on TradingView, anchored to the day); checked by hand",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "VWAP" }],
  params: z.object({}),
  warmup: () => 0,
  kernel: (_params, { start }) => {
    /** The session's day, Σ typical × volume, Σ volume, Σ typical and its bar count. */
    const state = Float64Array.of(Number.NaN, 0, 0, 0, 0);
    return {
      run(inputs, [out], from, to) {
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        if (i < to)
          sessionVwap(
            inputs[TIME],
            inputs[HIGH],
            inputs[LOW],
            inputs[CLOSE],
            inputs[VOLUME],
            out,
            i,
            to,
            state,
          );
      },
    };
  },
});

/**
 * VWAP for bars [from, to), reading and updating `state`.
 */
function sessionVwap(
  time: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  state: Float64Array,
): void {
  let session = state[0];
  let priceVolume = state[1];
  let volumeTotal = state[2];
  let typicalTotal = state[3];
  let barsInSession = state[4];
  for (let i = from; i < to; i++) {
    const day = Math.floor(time[i] / DAY_MS);
    if (day !== session) {
      session = day;
      priceVolume = 0;
      volumeTotal = 0;
      typicalTotal = 0;
      barsInSession = 0;
    }
    const typical = (high[i] + low[i] + close[i]) / 3;
    priceVolume += typical * volume[i];
    volumeTotal += volume[i];
    typicalTotal += typical;
    barsInSession++;
    out[i] = volumeTotal > 0 ? priceVolume / volumeTotal : typicalTotal / barsInSession;
  }
  state[0] = session;
  state[1] = priceVolume;
  state[2] = volumeTotal;
  state[3] = typicalTotal;
  state[4] = barsInSession;
}
