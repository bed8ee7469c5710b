import { createRequire } from "node:module";
import { ATR as TiAtr, RSI as TiRsi } from "technicalindicators";
import { ATR as TsAtr, RSI as TsRsi } from "trading-signals";
import type { NodeDefinition } from "@/nodes/core/define";
import { atr } from "@/nodes/indicators/atr/atr.node.ts";
import { rsi } from "@/nodes/indicators/rsi/rsi.node.ts";
import { type Benchmark, type BenchRow, type Measurement, medianSeconds } from "./harness";

/**
 * RSI(14) and ATR(14), our kernels against TA-Lib, Tulip Indicators, technicalindicators and
 * trading-signals in one run. The C libraries and ours see 1M bars; the pure-JS peers 100k bars
 * (they are too slow for 1M within a bench run). Everything is reported in bars per second.
 * The TA-Lib and Tulip figures time one call on plain JS arrays, as an app would make it, so
 * their bindings' copying of the arrays into C is part of what is measured.
 */

const require = createRequire(import.meta.url);
const talib = require("talib") as { execute(request: Record<string, unknown>): unknown };
type TulipCall = (
  inputs: number[][],
  options: number[],
  done: (error: unknown, result: number[][]) => void,
) => void;
const tulind = require("tulind") as { indicators: Record<string, { indicator: TulipCall }> };

const BIG = 1_000_000;
const SMALL = 100_000;
const PERIOD = 14;

/** A seeded random walk (mulberry32), so every run measures the same bars. */
function randomWalkBars(n: number, seed = 42): Float64Array[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const columns = Array.from({ length: 6 }, () => new Float64Array(n));
  const [time, open, high, low, close, volume] = columns;
  let price = 100;
  for (let i = 0; i < n; i++) {
    const next = price * (1 + (random() - 0.5) * 0.02);
    time[i] = i * 60_000;
    open[i] = price;
    close[i] = next;
    high[i] = Math.max(price, next) * (1 + random() * 0.005);
    low[i] = Math.min(price, next) * (1 - random() * 0.005);
    volume[i] = Math.round(1_000 + random() * 10_000);
    price = next;
  }
  return columns;
}

function barsPerSecond(bars: number, run: () => void): number {
  return bars / medianSeconds(run);
}

function ours(definition: NodeDefinition, inputs: Float64Array[]): Measurement {
  const n = inputs[0].length;
  const params = definition.params.parse({ period: PERIOD });
  const out = [new Float64Array(n)];
  return {
    subject: "strata",
    value: barsPerSecond(n, () => definition.kernel!(params, { start: 0 }).run(inputs, out, 0, n)),
  };
}

function tulip(name: string, inputs: number[][]): Measurement {
  const call = tulind.indicators[name].indicator;
  return {
    subject: "tulind",
    value: barsPerSecond(inputs[0].length, () =>
      call(inputs, [PERIOD], (error) => {
        if (error) throw new Error(`tulind ${name}: ${String(error)}`);
      }),
    ),
  };
}

const rows = (): BenchRow[] => {
  const columns = randomWalkBars(BIG);
  const [, , high, low, close] = columns.map((column) => Array.from(column));
  const small = (values: number[]) => values.slice(0, SMALL);
  const candles = small(close).map((c, i) => ({ high: high[i], low: low[i], close: c }));

  const rsiRow: BenchRow = {
    case: `RSI(${PERIOD}) over 1M random-walk bars (pure-JS peers: 100k)`,
    unit: "bars/s",
    higherIsBetter: true,
    target: "≥ 0.7× TA-Lib",
    ours: ours(rsi, [columns[4]]),
    peers: [
      {
        subject: "talib",
        value: barsPerSecond(BIG, () =>
          talib.execute({
            name: "RSI",
            startIdx: 0,
            endIdx: BIG - 1,
            inReal: close,
            optInTimePeriod: PERIOD,
          }),
        ),
      },
      tulip("rsi", [close]),
      {
        subject: "technicalindicators",
        value: barsPerSecond(SMALL, () => TiRsi.calculate({ values: small(close), period: PERIOD })),
      },
      {
        subject: "trading-signals",
        value: barsPerSecond(SMALL, () => {
          const indicator = new TsRsi(PERIOD);
          for (let i = 0; i < SMALL; i++) indicator.add(close[i]);
        }),
      },
    ],
  };

  const atrRow: BenchRow = {
    case: `ATR(${PERIOD}) over 1M random-walk bars (pure-JS peers: 100k)`,
    unit: "bars/s",
    higherIsBetter: true,
    target: "≥ 0.7× TA-Lib",
    ours: ours(atr, columns),
    peers: [
      {
        subject: "talib",
        value: barsPerSecond(BIG, () =>
          talib.execute({
            name: "ATR",
            startIdx: 0,
            endIdx: BIG - 1,
            high,
            low,
            close,
            optInTimePeriod: PERIOD,
          }),
        ),
      },
      tulip("atr", [high, low, close]),
      {
        subject: "technicalindicators",
        value: barsPerSecond(SMALL, () =>
          TiAtr.calculate({ high: small(high), low: small(low), close: small(close), period: PERIOD }),
        ),
      },
      {
        subject: "trading-signals",
        value: barsPerSecond(SMALL, () => {
          const indicator = new TsAtr(PERIOD);
          for (const candle of candles) indicator.add(candle);
        }),
      },
    ],
  };
  return [rsiRow, atrRow];
};

const benchmark: Benchmark = {
  name: "indicators-b",
  async run() {
    return rows();
  },
};

export default benchmark;
