import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { RESAMPLE_TIMEFRAMES, TIMEFRAME_MS } from "@/nodes/data/timeframes";
import { type BarColumns, emptyBars } from "../data/bars";
import { mulberry32, syntheticBars } from "../data/synthetic";
import { PlanBuilder } from "../executor/testing";
import { generate } from "./index";
import { columnDifference } from "./testing/columns";
import { barsCsv, PYTHON, tempFile } from "./testing/run-export";

const TARGETS = ["ts", "py"] as const;
const BAR_FIELDS = ["open", "high", "low", "close", "volume"] as const;

/** Intraday bars with whole stretches missing (nights, outages), so some buckets hold no bar at all. */
function intradayWithGaps(seed: number, intervalMs: number, count: number): BarColumns {
  // The first bar starts off any bucket boundary, so the first bucket is a partial one.
  const startTime = Date.UTC(2021, 2, 3, 7, 13);
  const all = syntheticBars({ count, seed, volatility: 0.6, intervalMs, startTime });
  const random = mulberry32(seed + 1);
  const kept: number[] = [];
  for (let i = 0; i < count; ) {
    if (random() < 0.01) i += 1 + Math.floor(random() * 200);
    else kept.push(i++);
  }
  const bars = emptyBars(kept.length);
  for (const field of ["time", ...BAR_FIELDS] as const) {
    kept.forEach((from, to) => {
      bars[field][to] = all[field][from];
    });
  }
  return bars;
}

/** Reads every field of the bars a resample step makes, so the column check sees all of them. */
function readFields(b: PlanBuilder, bars: number[]): void {
  for (const field of BAR_FIELDS) b.step("data.barField", { field }, bars);
}

function expectSameColumns(plan: ReturnType<PlanBuilder["build"]>, bars: BarColumns, what: string): void {
  for (const target of TARGETS) {
    expect(columnDifference(target, plan, bars), `${what} in ${target}`).toBe("");
  }
}

/** The columns an export prints with --columns (null before warm-up). */
function printedColumns(target: "ts" | "py", code: string, bars: BarColumns): (number | null)[][] {
  const file = tempFile(target === "ts" ? "printed.mjs" : "printed.py", code);
  const csv = tempFile("bars.csv", barsCsv(bars));
  const output = execFileSync(target === "ts" ? process.execPath : PYTHON, [file, csv, "--columns"], {
    encoding: "utf8",
  });
  return Object.values((JSON.parse(output) as { columns: Record<string, (number | null)[]> }).columns);
}

describe("the higher-timeframe resample exports", () => {
  test("each bar sees the last finished hour, never the one still forming", () => {
    const bars = emptyBars(5);
    const hour = Date.UTC(2022, 0, 3, 9);
    [0, 30, 60, 90, 120].forEach((minutes, i) => {
      bars.time[i] = hour + minutes * 60_000;
      bars.open[i] = 10 + i;
      bars.high[i] = 20 + (i % 2 === 0 ? 5 : 1);
      bars.low[i] = 5 - i;
      bars.close[i] = 11 + i;
      bars.volume[i] = 100 * (i + 1);
    });
    const b = new PlanBuilder();
    readFields(b, b.step("data.resample", { timeframe: "1h" }, PlanBuilder.bars));
    const code = { ts: generate("ts", { plan: b.build() }), py: generate("py", { plan: b.build() }) };
    for (const target of TARGETS) {
      const [open, high, low, close, volume] = printedColumns(target, code[target], bars);
      const why = `${target}: 09:00 finishes at the 10:00 bar, 10:00 at the 11:00 bar`;
      expect(open, why).toEqual([null, null, 10, 10, 12]);
      expect(high, why).toEqual([null, null, 25, 25, 25]);
      expect(low, why).toEqual([null, null, 4, 4, 2]);
      expect(close, why).toEqual([null, null, 12, 12, 14]);
      expect(volume, why).toEqual([null, null, 300, 300, 700]);
    }
  });

  test("every timeframe on intraday bars with gaps matches the engine, value for value", () => {
    const intervals = [60_000, 300_000, 900_000];
    const spec = fc.record({
      timeframe: fc.constantFrom(...RESAMPLE_TIMEFRAMES),
      interval: fc.constantFrom(...intervals),
      seed: fc.integer({ min: 1, max: 10_000 }),
    });
    let timeframes = 0;
    fc.assert(
      fc.property(spec, ({ timeframe, interval, seed }) => {
        if (TIMEFRAME_MS[timeframe] <= interval) return;
        timeframes++;
        const b = new PlanBuilder();
        readFields(b, b.step("data.resample", { timeframe }, PlanBuilder.bars));
        const bars = intradayWithGaps(seed, interval, 4000);
        expectSameColumns(b.build(), bars, `${timeframe} from ${interval / 60_000}-minute bars`);
      }),
      { numRuns: 8, seed: 11 },
    );
    expect(timeframes, "most drawn timeframes are longer than the bars").toBeGreaterThan(3);
    // Every timeframe once more, from bars short enough for dozens of its buckets in 3000 bars.
    const from = {
      "5m": 60_000,
      "15m": 60_000,
      "30m": 300_000,
      "1h": 300_000,
      "4h": 900_000,
      "1d": 3_600_000,
      "1w": 3_600_000,
    };
    for (const timeframe of RESAMPLE_TIMEFRAMES) {
      const b = new PlanBuilder();
      readFields(b, b.step("data.resample", { timeframe }, PlanBuilder.bars));
      const bars = intradayWithGaps(5, from[timeframe], 3000);
      expectSameColumns(b.build(), bars, `${timeframe} from ${from[timeframe] / 60_000}-minute bars`);
    }
  });

  test("resampled bars feed resamples, patterns and two readers at once", () => {
    const b = new PlanBuilder();
    const hourly = b.step("data.resample", { timeframe: "1h" }, PlanBuilder.bars);
    const fourHourly = b.step("data.resample", { timeframe: "4h" }, hourly);
    readFields(b, fourHourly);
    readFields(b, hourly);
    b.step("patterns.pivotPoints", {}, hourly);
    b.step("patterns.zigzag", { deviation: 0.5 }, fourHourly);
    b.step("patterns.fibonacciRetracement", { window: 12 }, hourly);
    const close = b.step("data.barField", { field: "close" }, hourly)[0];
    b.step("patterns.markovRegime", { states: 3, window: 20 }, [close]);
    expectSameColumns(b.build(), intradayWithGaps(3, 300_000, 6000), "a chain of resampled bars");
  });
});

describe("the pattern ops export with any params", () => {
  const daily = syntheticBars({ count: 700, seed: 21, volatility: 0.5, intervalMs: 86_400_000 });
  const intraday = intradayWithGaps(9, 300_000, 3000);

  test("Fibonacci Retracement over any window", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), (window) => {
        const b = new PlanBuilder();
        b.step("patterns.fibonacciRetracement", { window }, PlanBuilder.bars);
        expectSameColumns(b.build(), daily, `window ${window}`);
      }),
      { numRuns: 6, seed: 12 },
    );
  });

  test("Markov Regime over any number of states and window", () => {
    const spec = fc.record({
      states: fc.integer({ min: 2, max: 5 }),
      window: fc.integer({ min: 10, max: 300 }),
    });
    fc.assert(
      fc.property(spec, ({ states, window }) => {
        const b = new PlanBuilder();
        const source = b.step("indicators.sma", { period: 3 }, [PlanBuilder.close])[0];
        b.step("patterns.markovRegime", { states, window }, [source]);
        b.step("patterns.markovRegime", { states, window }, [PlanBuilder.bars[5]]);
        expectSameColumns(b.build(), intraday, `${states} states over ${window} returns`);
      }),
      { numRuns: 6, seed: 13 },
    );
  });

  test("ZigZag at any deviation", () => {
    const deviation = fc.oneof(
      fc.double({ min: 0.01, max: 3, noNaN: true }),
      fc.double({ min: 3, max: 99, noNaN: true }),
    );
    fc.assert(
      fc.property(deviation, (percent) => {
        const b = new PlanBuilder();
        b.step("patterns.zigzag", { deviation: percent }, PlanBuilder.bars);
        for (const bars of [daily, intraday]) expectSameColumns(b.build(), bars, `deviation ${percent}%`);
      }),
      { numRuns: 6, seed: 14 },
    );
  });

  test("Pivot Points on intraday bars with missing days and on daily bars", () => {
    const b = new PlanBuilder();
    b.step("patterns.pivotPoints", {}, PlanBuilder.bars);
    for (const [bars, what] of [
      [intraday, "5-minute bars"],
      [intradayWithGaps(4, 60_000, 8000), "1-minute bars"],
      [daily, "daily bars"],
    ] as const) {
      expectSameColumns(b.build(), bars, what);
    }
  });
});
