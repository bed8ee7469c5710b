import { createRequire } from "node:module";
import { BollingerBands as TiBollingerBands, EMA as TiEma } from "technicalindicators";
import { BollingerBands as TsBollingerBands, EMA as TsEma } from "trading-signals";
import type { NodeDefinition } from "@/nodes/core/define";
import { bbands } from "@/nodes/indicators/bbands/bbands.node.ts";
import { ema } from "@/nodes/indicators/ema/ema.node.ts";
import { type Benchmark, type BenchRow, type Measurement, medianSeconds } from "./harness";

/**
 * EMA(30) and BBANDS(20, 2) over 1M seeded random-walk bars: our batch kernels against TA-Lib and
 * Tulip (C, called once on plain arrays converted beforehand) and the pure-JS technicalindicators and
 * trading-signals (timed over 100k bars, scaled to bars/s because they are 10–100× slower).
 * The C libraries' figures include their bindings copying the arrays into C and the results back,
 * since that is what a call from JS costs; the conversion to plain arrays happens once, untimed.
 */

const require = createRequire(import.meta.url);
const talib = require("talib") as { execute(request: Record<string, unknown>): { error?: string } };
type TulipCallback = (error: unknown, results: number[][]) => void;
const tulind = require("tulind") as {
  indicators: Record<string, { indicator(inputs: number[][], options: number[], done: TulipCallback): void }>;
};

const BARS = 1_000_000;
const SLOW_PEER_BARS = 100_000;

/** A random walk from a fixed seed (mulberry32), so every run measures the same prices. */
function randomWalk(length: number, seed = 42): Float64Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const prices = new Float64Array(length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    price *= 1 + (next() - 0.5) * 0.02;
    prices[i] = price;
  }
  return prices;
}

function barsPerSecond(subject: string, bars: number, fn: () => void, repeats = 7): Measurement {
  return { subject, value: bars / medianSeconds(fn, repeats) };
}

function ours(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  prices: Float64Array,
): Measurement {
  const parsed = definition.params.parse(params);
  const outputs = definition.outputs.map(() => new Float64Array(prices.length));
  const inputs = [prices];
  return barsPerSecond("strata", prices.length, () => {
    definition.kernel!(parsed, { start: 0 }).run(inputs, outputs, 0, prices.length);
  });
}

function talibCall(name: string, values: number[], options: Record<string, number>): Measurement {
  const request = { name, startIdx: 0, endIdx: values.length - 1, inReal: values, ...options };
  return barsPerSecond("talib", values.length, () => {
    const response = talib.execute(request);
    if (response.error) throw new Error(`TA-Lib ${name}: ${response.error}`);
  });
}

function tulipCall(name: string, values: number[], options: number[]): Measurement {
  const inputs = [values];
  return barsPerSecond("tulind", values.length, () => {
    tulind.indicators[name].indicator(inputs, options, (error) => {
      if (error) throw error;
    });
  });
}

const benchmark: Benchmark = {
  name: "indicators-a",
  async run(): Promise<BenchRow[]> {
    const prices = randomWalk(BARS);
    const plain = Array.from(prices);
    const fewer = plain.slice(0, SLOW_PEER_BARS);

    const emaRow: BenchRow = {
      case: "EMA(30) over 1M bars",
      unit: "bars/s",
      higherIsBetter: true,
      target: "≥ 0.7× TA-Lib",
      ours: ours(ema, { period: 30 }, prices),
      peers: [
        talibCall("EMA", plain, { optInTimePeriod: 30 }),
        tulipCall("ema", plain, [30]),
        barsPerSecond(
          "technicalindicators",
          SLOW_PEER_BARS,
          () => {
            TiEma.calculate({ period: 30, values: fewer });
          },
          3,
        ),
        barsPerSecond(
          "trading-signals",
          SLOW_PEER_BARS,
          () => {
            const indicator = new TsEma(30);
            for (let i = 0; i < fewer.length; i++) indicator.add(fewer[i]);
          },
          3,
        ),
      ],
    };

    const bandsRow: BenchRow = {
      case: "BBANDS(20, 2) over 1M bars",
      unit: "bars/s",
      higherIsBetter: true,
      target: "≥ 0.7× TA-Lib",
      ours: ours(bbands, { period: 20, deviationsUp: 2, deviationsDown: 2 }, prices),
      peers: [
        talibCall("BBANDS", plain, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }),
        tulipCall("bbands", plain, [20, 2]),
        barsPerSecond(
          "technicalindicators",
          SLOW_PEER_BARS,
          () => {
            TiBollingerBands.calculate({ period: 20, stdDev: 2, values: fewer });
          },
          3,
        ),
        barsPerSecond(
          "trading-signals",
          SLOW_PEER_BARS,
          () => {
            const indicator = new TsBollingerBands(20, 2);
            for (let i = 0; i < fewer.length; i++) indicator.add(fewer[i]);
          },
          3,
        ),
      ],
    };

    return [emaRow, bandsRow];
  },
};

export default benchmark;
