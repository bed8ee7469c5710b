import { createRequire } from "node:module";
import { type BarColumns, barAt, sliceBars } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { runBatch } from "@/engine-runtime/executor/batch";
import { DEFAULT_ADDON_PATH, loadAddon, type NativeAddon } from "@/engine-runtime/native/addon";
import { engineEnvironment } from "@/engine-runtime/native/engine-choice";
import { createNativeStream, runNativeBatch, runSweep } from "@/engine-runtime/native/index";
import type { Plan } from "@/engine-runtime/plan/schema";
import { catalogue } from "@/nodes/catalogue";
import { fiveIndicators, smaCrossover } from "./engine.bench";
import { type Benchmark, type BenchRow, type Measurement, medianSeconds, percentile } from "./harness";

const require = createRequire(import.meta.url);
const talib = require("talib") as { execute(request: Record<string, unknown>): { error?: string } };
const quiet = { log: () => {} };

/** Bars per second of batch runs, as the median of a few runs. */
function batchRate(subject: string, run: () => void, bars: number, repeats = 5): Measurement {
  return { subject, value: bars / medianSeconds(run, repeats, 1) };
}

function strategyRows(name: string, plan: Plan, bars: BarColumns, size: string): BenchRow {
  const n = bars.time.length;
  const settings = { initialCash: 1e9 };
  return {
    case: `${name}, batch, ${size} bars: native vs TypeScript`,
    unit: "bars/s",
    higherIsBetter: true,
    target: "≥ 100M bars/s per core, ≥ 3× TS",
    ours: batchRate("strata-native", () => runNativeBatch(plan, bars, settings, quiet), n),
    peers: [batchRate("strata-ts", () => runBatch(plan, bars, settings, catalogue), n, 3)],
  };
}

function kernelRow(
  addon: NativeAddon,
  label: string,
  op: string,
  params: object,
  talibRequest: object,
  close: Float64Array,
  bars: BarColumns,
): BenchRow {
  const inputs =
    catalogue.get(op).inputs[0].type === "bars"
      ? [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume]
      : [close];
  const json = JSON.stringify(params);
  const n = close.length;
  const request = { startIdx: 0, endIdx: n - 1, ...talibRequest };
  return {
    case: `${label} over 1M bars (native kernel vs TA-Lib)`,
    unit: "bars/s",
    higherIsBetter: true,
    target: "≥ 1.0× TA-Lib",
    ours: batchRate("strata-native", () => addon.runKernel(op, json, inputs), n, 7),
    peers: [
      batchRate(
        "talib",
        () => {
          const response = talib.execute(request);
          if (response.error) throw new Error(response.error);
        },
        n,
        7,
      ),
    ],
  };
}

const benchmark: Benchmark = {
  name: "native",
  async run() {
    const load = loadAddon(engineEnvironment().addonPath ?? DEFAULT_ADDON_PATH);
    if (!load.ok) {
      process.stderr.write(`native bench skipped: ${load.reason}\n`);
      return [];
    }
    const addon = load.addon;
    const rows: BenchRow[] = [];
    const all = syntheticBars({ count: 10_000_000, seed: 2024, intervalMs: 60_000, volatility: 0.3 });
    const million = sliceBars(all, 0, 1_000_000);
    rows.push(strategyRows("SMA crossover", smaCrossover(), million, "1M"));
    rows.push(strategyRows("5-indicator strategy", fiveIndicators(), million, "1M"));
    rows.push(strategyRows("5-indicator strategy", fiveIndicators(), all, "10M"));

    const close = million.close;
    const plain = Array.from(close);
    const high = Array.from(million.high);
    const low = Array.from(million.low);
    rows.push(
      kernelRow(
        addon,
        "SMA(30)",
        "indicators.sma",
        { period: 30 },
        { name: "SMA", inReal: plain, optInTimePeriod: 30 },
        close,
        million,
      ),
    );
    rows.push(
      kernelRow(
        addon,
        "EMA(30)",
        "indicators.ema",
        { period: 30 },
        { name: "EMA", inReal: plain, optInTimePeriod: 30 },
        close,
        million,
      ),
    );
    rows.push(
      kernelRow(
        addon,
        "RSI(14)",
        "indicators.rsi",
        { period: 14 },
        { name: "RSI", inReal: plain, optInTimePeriod: 14 },
        close,
        million,
      ),
    );
    rows.push(
      kernelRow(
        addon,
        "ATR(14)",
        "indicators.atr",
        { period: 14 },
        { name: "ATR", high, low, close: plain, optInTimePeriod: 14 },
        close,
        million,
      ),
    );
    rows.push(
      kernelRow(
        addon,
        "BBANDS(20, 2)",
        "indicators.bbands",
        { period: 20, deviationsUp: 2, deviationsDown: 2, maType: "sma" },
        {
          name: "BBANDS",
          inReal: plain,
          optInTimePeriod: 20,
          optInNbDevUp: 2,
          optInNbDevDn: 2,
          optInMAType: 0,
        },
        close,
        million,
      ),
    );

    // Sweep: 16 parameter sets of the 5-indicator strategy over 1M bars, on every core.
    const sets = [10, 20, 30, 40].flatMap((ema) =>
      [30, 50, 80, 120].map((sma) => ({ 0: { period: sma }, 1: { period: ema } })),
    );
    const started = performance.now();
    const outcomes = await runSweep(fiveIndicators(), million, { initialCash: 1e9 }, sets, quiet);
    const seconds = (performance.now() - started) / 1000;
    if (outcomes.some((o) => !o.ok)) throw new Error("a sweep run failed");
    rows.push({
      case: `Sweep: 5-indicator strategy over 1M bars, ${sets.length} parameter sets on ${addon.hardwareConcurrency} cores`,
      unit: "backtests/s",
      higherIsBetter: true,
      ours: { subject: "strata-native", value: sets.length / seconds },
    });

    // Streaming: microseconds per pushBar, boundary included, after 1000 bars of warm-up.
    const stream = createNativeStream(fiveIndicators(), { initialCash: 1e9 }, quiet);
    const latencies: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const bar = barAt(million, i);
      const t0 = process.hrtime.bigint();
      stream.pushBar(bar);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    for (const p of [50, 99]) {
      rows.push({
        case: `5-indicator strategy, native streaming, p${p} per bar`,
        unit: "µs/bar",
        higherIsBetter: false,
        target: "≤ 5 µs",
        ours: { subject: "strata-native", value: percentile(latencies.slice(1000), p) },
      });
    }
    return rows;
  },
};

export default benchmark;
