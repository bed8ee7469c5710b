import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { RESAMPLE_TIMEFRAMES } from "@/nodes/data/timeframes";
import { runNode } from "@/nodes/testing/run-node";
import { barAt } from "../data/bars";
import { syntheticBars } from "../data/synthetic";
import { runBatch } from "../executor/batch";
import { createStream } from "../executor/stream";
import { PlanBuilder } from "../executor/testing";
import { DEFAULT_ADDON_PATH, loadAddon } from "./addon";
import { engineEnvironment } from "./engine-choice";
import { createNativeStream, runBacktest, runNativeBatch } from "./index";
import { expectClose } from "./testing";

/**
 * The native kernels of the Higher Timeframe node and the patterns nodes against their TypeScript
 * kernels: bit for bit on random bars and params, then whole backtests that use all five.
 * Like native.test.ts, these suites exist where the addon is built (CI must build it).
 */

const load = loadAddon(engineEnvironment().addonPath ?? DEFAULT_ADDON_PATH);
const quiet = { log: () => {} };

/** What a bar holds besides a normal price: gaps and extremes the kernels must treat alike. */
const barKind = fc.oneof(
  { arbitrary: fc.constant("normal" as const), weight: 80 },
  {
    arbitrary: fc.constantFrom("missing" as const, "zero" as const, "infinite" as const, "flat" as const),
    weight: 1,
  },
);

/** Random bars: irregular times on a random grid (before and after 1970), a random walk with gaps. */
const randomBars = fc
  .record({
    origin: fc.integer({ min: -2_000_000_000_000, max: 2_000_000_000_000 }),
    unit: fc.constantFrom(1, 37_123, 60_000, 300_000, 3_600_000, 86_400_000),
    bars: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 40 }),
        move: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        up: fc.double({ min: 0, max: 0.03, noNaN: true }),
        down: fc.double({ min: 0, max: 0.03, noNaN: true }),
        volume: fc.integer({ min: 0, max: 10_000 }),
        kind: barKind,
      }),
      { minLength: 1, maxLength: 300, size: "max" },
    ),
  })
  .map(({ origin, unit, bars }) => {
    const n = bars.length;
    const columns = Array.from({ length: 6 }, () => new Float64Array(n));
    const [time, open, high, low, close, volume] = columns;
    let t = origin;
    let price = 100;
    bars.forEach((bar, i) => {
      t += bar.gap * unit;
      const next = price * (1 + bar.move);
      time[i] = t;
      open[i] = price;
      close[i] = next;
      high[i] = Math.max(price, next) * (1 + bar.up);
      low[i] = Math.min(price, next) * (1 - bar.down);
      volume[i] = bar.volume;
      price = next;
      if (bar.kind === "missing") high[i] = low[i] = close[i] = Number.NaN;
      if (bar.kind === "zero") close[i] = low[i] = 0;
      if (bar.kind === "infinite") high[i] = Number.POSITIVE_INFINITY;
      if (bar.kind === "flat") high[i] = low[i] = close[i] = open[i];
    });
    return columns;
  });

/** Each op with random params inside its schema's ranges, mostly where it produces values. */
const opsWithParams: fc.Arbitrary<{ op: string; params: Record<string, unknown> }> = fc.oneof(
  fc.record({
    op: fc.constant("data.resample"),
    params: fc.record({ timeframe: fc.constantFrom(...RESAMPLE_TIMEFRAMES) }),
  }),
  fc.record({
    op: fc.constant("patterns.fibonacciRetracement"),
    params: fc.record({
      window: fc.oneof(
        { arbitrary: fc.integer({ min: 2, max: 30 }), weight: 4 },
        { arbitrary: fc.integer({ min: 2, max: 100_000 }), weight: 1 },
      ),
    }),
  }),
  fc.record({
    op: fc.constant("patterns.markovRegime"),
    params: fc.record({ states: fc.integer({ min: 2, max: 5 }), window: fc.integer({ min: 10, max: 80 }) }),
  }),
  fc.record({ op: fc.constant("patterns.pivotPoints"), params: fc.constant({}) }),
  fc.record({
    op: fc.constant("patterns.zigzag"),
    params: fc.record({
      deviation: fc.oneof(
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        fc.double({ min: 0.01, max: 99, noNaN: true }),
      ),
    }),
  }),
);

/** The first bar where two columns differ as numbers (Object.is: −0 is not 0, NaN is NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const built = load.ok;
const addon = load.ok ? load.addon : (null as never);

if (built)
  describe("the native pattern and resample kernels equal the TypeScript kernels", () => {
    test("the native core computes every op of the catalogue that has a kernel", () => {
      const native = new Set(addon.ops());
      const lacking = catalogue.definitions
        .filter((definition) => definition.kernel)
        .map((definition) => definition.type)
        .filter((type) => !native.has(type));
      expect(lacking, "no plan falls back to the TypeScript engine for want of a kernel").toEqual([]);
    });

    test("bit for bit on random bars, params and start", () => {
      const seen = new Map<string, number>();
      fc.assert(
        fc.property(opsWithParams, randomBars, fc.nat(), ({ op, params }, columns, startSeed) => {
          const definition = catalogue.get(op);
          const n = columns[0].length;
          const start = startSeed % (n + 1);
          const inputs = definition.inputs[0].type === "bars" ? columns : [columns[4]];
          const expected = runNode(definition, params, inputs, { start });
          const actual = addon.runKernel(op, JSON.stringify(params), inputs, start);
          expect(actual.length, `${op} output columns`).toBe(expected.length);
          expected.forEach((column, k) => {
            const at = firstDifference(actual[k], column);
            expect(
              at,
              `${op} ${JSON.stringify(params)} start ${start}: output ${k} at bar ${at} is ${actual[k][at]}, TypeScript has ${column[at]}`,
            ).toBe(-1);
          });
          if (expected.some((column) => column.some((v) => !Number.isNaN(v)))) {
            seen.set(op, (seen.get(op) ?? 0) + 1);
          }
        }),
        { numRuns: 1500 },
      );
      for (const op of [
        "data.resample",
        ...catalogue.definitions.map((d) => d.type).filter((t) => t.startsWith("patterns.")),
      ]) {
        expect(
          seen.get(op) ?? 0,
          `${op} produced values in many random runs, so they were compared`,
        ).toBeGreaterThan(100);
      }
    });

    test("on 100 000 minute bars, every timeframe and pattern agrees bit for bit", () => {
      const bars = syntheticBars({ count: 100_000, seed: 7, intervalMs: 60_000, volatility: 0.4 });
      const columns = [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
      const cases: [string, Record<string, unknown>][] = [
        ...RESAMPLE_TIMEFRAMES.map((timeframe): [string, Record<string, unknown>] => [
          "data.resample",
          { timeframe },
        ]),
        ["patterns.fibonacciRetracement", { window: 500 }],
        ["patterns.markovRegime", { states: 5, window: 300 }],
        ["patterns.pivotPoints", {}],
        ["patterns.zigzag", { deviation: 0.5 }],
      ];
      for (const [op, params] of cases) {
        const inputs = op === "patterns.markovRegime" ? [bars.close] : columns;
        const expected = runNode(catalogue.get(op), params, inputs, { start: 3 });
        const actual = addon.runKernel(op, JSON.stringify(params), inputs, 3);
        expected.forEach((column, k) => {
          expect(firstDifference(actual[k], column), `${op} ${JSON.stringify(params)} output ${k}`).toBe(-1);
        });
      }
    });

    const refusals: [string, Record<string, unknown>, RegExp][] = [
      [
        "data.resample",
        { timeframe: "2h" },
        /"timeframe" must be one of "5m", "15m", "30m", "1h", "4h", "1d", "1w"\./,
      ],
      ["data.resample", {}, /the param "timeframe" is missing\./],
      [
        "patterns.fibonacciRetracement",
        { window: 1 },
        /"window" must be a whole number from 2 to 100000; it is 1\./,
      ],
      ["patterns.fibonacciRetracement", { window: 2.5 }, /"window" must be a whole number/],
      [
        "patterns.markovRegime",
        { states: 6, window: 20 },
        /"states" must be a whole number from 2 to 5; it is 6\./,
      ],
      [
        "patterns.markovRegime",
        { states: 3, window: "20" },
        /"window" must be a whole number from 10 to 10000; it is a text\./,
      ],
      ["patterns.zigzag", { deviation: 0 }, /"deviation" must be a number from 0\.01 to 99; it is 0\./],
      ["patterns.zigzag", { deviation: null }, /"deviation" must be a number/],
    ];
    test.each(refusals)("%s refuses the params %j with a sentence", (op, params, message) => {
      const inputs =
        catalogue.get(op).inputs[0].type === "bars"
          ? Array.from({ length: 6 }, () => new Float64Array(4))
          : [new Float64Array(4)];
      expect(
        () => addon.runKernel(op, JSON.stringify(params), inputs),
        "the binding refuses the call",
      ).toThrow(message);
    });
  });

/** A strategy that trades on all five ops: pivots, Fibonacci levels, ZigZag swings and Markov states on daily bars. */
function patternStrategy(spec: {
  timeframe: string;
  window: number;
  states: number;
  markovWindow: number;
  deviation: number;
}) {
  const builder = new PlanBuilder(catalogue);
  const plotted: number[] = [];
  const step = (op: string, params: Record<string, unknown>, inputs: number[]) => {
    const outputs = builder.step(op, params, inputs);
    plotted.push(...outputs);
    return outputs;
  };
  const close = PlanBuilder.close;
  const higher = step("data.resample", { timeframe: spec.timeframe }, PlanBuilder.bars);
  // Fibonacci levels of the higher-timeframe bars, which are empty until the first one finishes.
  const fibonacci = step("patterns.fibonacciRetracement", { window: spec.window }, higher);
  const pivots = step("patterns.pivotPoints", {}, PlanBuilder.bars);
  const [swing] = step("patterns.zigzag", { deviation: spec.deviation }, PlanBuilder.bars);
  const [state, next] = step("patterns.markovRegime", { states: spec.states, window: spec.markovWindow }, [
    close,
  ]);
  const overPivot = step("logic.crossesAbove", {}, [close, pivots[0]])[0];
  const overHalf = step("logic.crossesAbove", {}, [close, fibonacci[4]])[0];
  const likelyUp = step("logic.compare", { op: ">=" }, [next, state])[0];
  const enterLong = step("logic.and", {}, [step("logic.or", {}, [overPivot, overHalf])[0], likelyUp])[0];
  const underSwing = step("logic.crossesBelow", {}, [close, swing])[0];
  const underS1 = step("logic.crossesBelow", {}, [close, pivots[4]])[0];
  const underHigherClose = step("logic.crossesBelow", {}, [close, higher[4]])[0];
  builder.order({ action: "enterLong", when: enterLong, stopLoss: { mode: "percent", value: 2 } });
  builder.order({ action: "exitLong", when: underSwing });
  builder.order({ action: "enterShort", when: step("logic.or", {}, [underS1, underHigherClose])[0] });
  builder.order({ action: "exitShort", when: overPivot });
  for (const slot of plotted) builder.plot(slot, `slot ${slot}`);
  return builder.build();
}

const strategySpec = fc.record({
  timeframe: fc.constantFrom("1h", "4h", "1d"),
  window: fc.integer({ min: 2, max: 10 }),
  states: fc.integer({ min: 2, max: 5 }),
  markovWindow: fc.integer({ min: 10, max: 120 }),
  deviation: fc.double({ min: 0.2, max: 5, noNaN: true }),
});
const market = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  count: fc.integer({ min: 2, max: 1500 }),
  volatility: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  intervalMs: fc.constantFrom(300_000, 900_000, 3_600_000),
});

if (built)
  describe("backtests using the pattern and resample ops run natively and equal the TypeScript engine", () => {
    test("random pattern strategies on random data: the same orders, fills, trades, series and metrics", () => {
      let traded = 0;
      fc.assert(
        fc.property(strategySpec, market, (spec, m) => {
          const plan = patternStrategy(spec);
          const bars = syntheticBars(m);
          const expected = runBatch(plan, bars, { initialCash: 100_000 }, catalogue);
          const actual = runNativeBatch(plan, bars, { initialCash: 100_000 }, quiet);
          if (expected.trades.length > 0) traded++;
          expectClose(actual, expected);
        }),
        { numRuns: 80 },
      );
      expect(traded, "most runs trade, so trades and fills are really compared").toBeGreaterThan(40);
    });

    test("runBacktest picks the native engine for a plan of pattern ops", () => {
      const plan = patternStrategy({ timeframe: "1d", window: 5, states: 3, markovWindow: 60, deviation: 1 });
      const bars = syntheticBars({ count: 3_000, seed: 9, intervalMs: 900_000, volatility: 0.6 });
      const lines: string[] = [];
      const result = runBacktest(plan, bars, {}, { log: (line) => lines.push(line) });
      expect(result.engine, `no fallback: ${lines.join(" ")}`).toBe("native");
      expect(result.trades.length, "the strategy trades").toBeGreaterThan(10);
      expectClose(result.metrics, runBatch(plan, bars, {}, catalogue).metrics, "metrics");
    });

    test("streaming bar by bar on the native core gives the TypeScript stream's result", () => {
      fc.assert(
        fc.property(strategySpec, market, (spec, m) => {
          const plan = patternStrategy(spec);
          const bars = syntheticBars({ ...m, count: Math.min(m.count, 400) });
          const ts = createStream(plan, {}, catalogue, 4);
          const native = createNativeStream(plan, {}, quiet);
          for (let i = 0; i < bars.time.length; i++) {
            const bar = barAt(bars, i);
            expectClose(native.pushBar(bar), ts.pushBar(bar), `bar ${i}`);
          }
          expectClose(native.result(), ts.result());
        }),
        { numRuns: 20 },
      );
    });
  });
