import fc from "fast-check";
import { catalogue } from "@/nodes/catalogue";
import type { Distance, OrderRule } from "@/nodes/core/orders";
import { columnsOf } from "@/nodes/core/ports";
import { PlanBuilder } from "../executor/testing";
import type { Plan } from "../plan/schema";

/**
 * Test helpers for the native core: random plans built from the ops both engines compute, and a
 * comparison of two results that allows 1e-9 relative error in numbers and nothing else.
 */

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

const period = (min = 2, max = 30) => fc.integer({ min, max });
const maType = fc.constantFrom("sma", "ema", "wma", "dema", "tema", "trima", "kama", "t3");

/** Ops reading one series, with random params inside their ranges. */
const seriesOps: fc.Arbitrary<{ op: string; params: Record<string, unknown> }> = fc.oneof(
  ...[
    "sma",
    "ema",
    "wma",
    "dema",
    "tema",
    "trima",
    "kama",
    "rma",
    "rsi",
    "cmo",
    "hma",
    "linearReg",
    "linearRegSlope",
  ].map((name) =>
    fc.record({ op: fc.constant(`indicators.${name}`), params: fc.record({ period: period() }) }),
  ),
  fc.record({
    op: fc.constant("indicators.t3"),
    params: fc.record({ period: period(2, 8), volumeFactor: fc.double({ min: 0, max: 1, noNaN: true }) }),
  }),
  fc.record({
    op: fc.constantFrom("indicators.mom", "indicators.roc", "indicators.trix"),
    params: fc.record({ period: period(1, 20) }),
  }),
  fc.record({
    op: fc.constant("indicators.stdDev"),
    params: fc.record({ period: period(), deviations: fc.double({ min: -3, max: 3, noNaN: true }) }),
  }),
  fc.record({
    op: fc.constant("indicators.bbands"),
    params: fc.record({
      period: period(2, 25),
      deviationsUp: fc.double({ min: 0.5, max: 3, noNaN: true }),
      deviationsDown: fc.double({ min: 0.5, max: 3, noNaN: true }),
      maType,
    }),
  }),
  fc.record({
    op: fc.constant("indicators.macd"),
    params: fc.record({ fastPeriod: period(2, 15), slowPeriod: period(2, 30), signalPeriod: period(1, 10) }),
  }),
  fc.record({
    op: fc.constantFrom("indicators.apo", "indicators.ppo"),
    params: fc.record({ fastPeriod: period(2, 15), slowPeriod: period(2, 30), maType }),
  }),
  fc.record({
    op: fc.constant("indicators.stochRsi"),
    params: fc.record({ period: period(2, 15), kPeriod: period(1, 8), dPeriod: period(1, 5) }),
  }),
  fc.record({
    op: fc.constantFrom(
      "math.rollingMax",
      "math.rollingMin",
      "math.rollingMean",
      "math.rollingSum",
      "math.percentRank",
    ),
    params: fc.record({ period: period(1, 25) }),
  }),
  fc.record({
    op: fc.constantFrom("math.rollingStdev", "math.zScore"),
    params: fc.record({ period: period(2, 25) }),
  }),
  fc.record({
    op: fc.constantFrom("math.change", "math.percentChange", "math.lag"),
    params: fc.record({ bars: period(1, 10) }),
  }),
  // Not math.log: the core's log (the C library's) and V8's (fdlibm's) round about one result in
  // 200 to neighbouring doubles, and a later step can magnify that past any fixed tolerance (a
  // 2-bar Bollinger band over two nearly equal logs). native.test.ts holds the two within an ulp.
  fc.record({ op: fc.constantFrom("math.abs", "math.sqrt"), params: fc.constant({}) }),
  fc.record({
    op: fc.constant("math.round"),
    params: fc.record({ decimals: fc.integer({ min: 0, max: 4 }) }),
  }),
);

/** Ops reading a bars input. */
const barOps: fc.Arbitrary<{ op: string; params: Record<string, unknown> }> = fc.oneof(
  ...["atr", "natr", "cmf", "donchian"].map((name) =>
    fc.record({ op: fc.constant(`indicators.${name}`), params: fc.record({ period: period(1, 25) }) }),
  ),
  ...["adx", "aroon", "aroonOsc", "cci", "mfi", "willr"].map((name) =>
    fc.record({ op: fc.constant(`indicators.${name}`), params: fc.record({ period: period(2, 25) }) }),
  ),
  fc.record({
    op: fc.constantFrom(
      "indicators.trange",
      "indicators.obv",
      "indicators.ad",
      "indicators.vwap",
      "indicators.heikinAshi",
    ),
    params: fc.constant({}),
  }),
  fc.record({
    op: fc.constant("indicators.adosc"),
    params: fc.record({ fastPeriod: period(2, 10), slowPeriod: period(2, 20) }),
  }),
  fc.record({
    op: fc.constant("indicators.keltner"),
    params: fc.record({
      period: period(2, 20),
      atrPeriod: period(1, 20),
      multiplier: fc.double({ min: 0.5, max: 3, noNaN: true }),
    }),
  }),
  fc.record({
    op: fc.constant("indicators.superTrend"),
    params: fc.record({ atrPeriod: period(1, 20), multiplier: fc.double({ min: 0.5, max: 4, noNaN: true }) }),
  }),
  fc.record({
    op: fc.constant("indicators.sar"),
    params: fc.record({
      acceleration: fc.double({ min: 0.01, max: 0.1, noNaN: true }),
      maximum: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
    }),
  }),
  fc.record({
    op: fc.constant("indicators.stoch"),
    params: fc.record({ fastKPeriod: period(1, 14), slowKPeriod: period(1, 5), slowDPeriod: period(1, 5) }),
  }),
  fc.record({
    op: fc.constant("indicators.stochf"),
    params: fc.record({ kPeriod: period(1, 14), dPeriod: period(1, 5) }),
  }),
  fc.record({
    op: fc.constant("indicators.ultosc"),
    params: fc.record({ shortPeriod: period(1, 7), mediumPeriod: period(1, 14), longPeriod: period(1, 28) }),
  }),
  fc.record({
    op: fc.constant("indicators.ichimoku"),
    params: fc.record({
      tenkanPeriod: period(1, 9),
      kijunPeriod: period(1, 26),
      senkouBPeriod: period(1, 30),
      displacement: fc.integer({ min: 0, max: 26 }),
    }),
  }),
  fc.record({
    op: fc.constant("data.barField"),
    params: fc.record({
      field: fc.constantFrom("open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4"),
    }),
  }),
  fc.record({
    op: fc.constant("data.priceFeed"),
    params: fc.record({
      symbol: fc.constant(""),
      timeframe: fc.constant(""),
      field: fc.constantFrom("close", "hlc3"),
    }),
  }),
);

const twoSeriesOps = fc.constantFrom(
  "math.add",
  "math.subtract",
  "math.multiply",
  "math.divide",
  "math.max",
  "math.min",
);
const conditions = fc.oneof(
  fc.record({
    op: fc.constant("logic.compare"),
    params: fc.record({ op: fc.constantFrom(">", ">=", "<", "<=", "==", "!=") }),
  }),
  fc.record({ op: fc.constantFrom("logic.crossesAbove", "logic.crossesBelow"), params: fc.constant({}) }),
);
const combinators = fc.constantFrom("logic.and", "logic.or", "logic.xor");
const signalShapers = fc.oneof(
  fc.record({ op: fc.constantFrom("logic.not", "logic.becameTrue"), params: fc.constant({}) }),
  fc.record({ op: fc.constant("logic.trueForBars"), params: fc.record({ bars: period(1, 3) }) }),
);

const distance: fc.Arbitrary<Distance | undefined> = fc.option(
  fc.oneof(
    fc.record({ mode: fc.constant("percent" as const), value: fc.double({ min: 0.2, max: 5, noNaN: true }) }),
    fc.record({ mode: fc.constant("points" as const), value: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
  ),
  { nil: undefined },
);

const rule = fc.record({
  action: fc.constantFrom("enterLong", "enterShort") as fc.Arbitrary<OrderRule["action"]>,
  orderType: fc.constantFrom("market", "limit", "stop", "stopLimit") as fc.Arbitrary<OrderRule["orderType"]>,
  timeInForce: fc.constantFrom("day", "gtc") as fc.Arbitrary<OrderRule["timeInForce"]>,
  stopLoss: distance,
  takeProfit: distance,
  trailingStop: distance,
  atrStop: fc.boolean(),
  exitAfterBars: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  maxOpenPositions: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  cooldownBars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  sizing: fc.constantFrom("default", "percent", "cash", "quantity", "risk"),
});

export const strategies = fc.record({
  series: fc.array(fc.record({ step: seriesOps, onPrevious: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  bars: fc.array(barOps, { minLength: 0, maxLength: 3 }),
  mix: fc.option(twoSeriesOps, { nil: undefined }),
  entry: conditions,
  exit: conditions,
  combine: fc.option(fc.record({ op: combinators, shaper: signalShapers }), { nil: undefined }),
  rule,
  exitAction: fc.constantFrom("exitLong", "exitShort", "exitAll") as fc.Arbitrary<OrderRule["action"]>,
  reverses: fc.boolean(),
});

/** A random strategy as a plan; every step output is plotted so the values are compared too. */
export function buildRandomPlan(spec: Of<typeof strategies>): Plan {
  const builder = new PlanBuilder(catalogue);
  const series: number[] = [];
  const plotted: number[] = [];
  const step = (op: string, params: Record<string, unknown>, inputs: number[]) => {
    const outputs = builder.step(op, params, inputs);
    plotted.push(...outputs);
    return outputs;
  };
  for (const { step: s, onPrevious } of spec.series) {
    const source = onPrevious && series.length > 0 ? series[series.length - 1] : PlanBuilder.close;
    series.push(step(s.op, s.params, [source])[0]);
  }
  let atr = -1;
  for (const s of spec.bars) {
    const outputs = step(s.op, s.params, PlanBuilder.bars);
    // A price feed's seventh column is its chosen field; the first six copy the bars.
    series.push(s.op === "data.priceFeed" ? outputs[6] : outputs[0]);
    if (s.op === "indicators.atr") atr = outputs[0];
  }
  if (spec.mix && series.length > 1)
    series.push(step(spec.mix, {}, [series[0], series[series.length - 1]])[0]);
  const a = series[0];
  const b = series.length > 1 ? series[series.length - 1] : PlanBuilder.close;
  let entry = step(spec.entry.op, spec.entry.params, [PlanBuilder.close, a])[0];
  const exit = step(spec.exit.op, spec.exit.params, [b, PlanBuilder.close])[0];
  if (spec.combine) {
    const shaped = step(spec.combine.shaper.op, spec.combine.shaper.params, [exit])[0];
    entry = step(spec.combine.op, {}, [entry, shaped])[0];
  }
  const { atrStop, sizing, ...rest } = spec.rule;
  const near = step("indicators.sma", { period: 3 }, [PlanBuilder.close])[0];
  const sizes: Record<string, OrderRule["sizing"]> = {
    default: undefined,
    percent: { mode: "percentOfEquity", percent: 40 },
    cash: { mode: "fixedCash", cash: 500 },
    quantity: { mode: "fixedQuantity", quantity: 3 },
    risk: { mode: "riskPercent", percent: 1 },
  };
  builder.order({
    ...rest,
    when: entry,
    limitPrice: near,
    stopPrice: rest.action === "enterLong" ? PlanBuilder.high : PlanBuilder.low,
    stopLoss: atrStop && atr >= 0 ? { mode: "slot", slot: atr } : rest.stopLoss,
    sizing: sizes[sizing],
  });
  builder.order({ action: spec.exitAction, when: exit });
  if (spec.reverses) builder.order({ action: "reverse", when: step("logic.crossesAbove", {}, [b, a])[0] });
  for (const slot of plotted) builder.plot(slot, `slot ${slot}`);
  return builder.build();
}

/** The number of output columns of an op, from the catalogue. */
export function outputColumns(op: string): number {
  return catalogue.get(op).outputs.reduce((sum, port) => sum + columnsOf(port.type), 0);
}

/**
 * Asserts that `actual` equals `expected` but for numbers, which may differ by 1e-9 relative
 * (1e-9 absolute near zero); NaN equals NaN. Throws with the path of the first difference.
 */
export function expectClose(actual: unknown, expected: unknown, path = "result"): undefined {
  const fail = (why: string): never => {
    throw new Error(`${path}: ${why}`);
  };
  if (typeof expected === "number") {
    if (typeof actual !== "number") return fail(`expected the number ${expected}, got ${String(actual)}`);
    if (Number.isNaN(expected) || Number.isNaN(actual)) {
      if (!(Number.isNaN(expected) && Number.isNaN(actual))) fail(`expected ${expected}, got ${actual}`);
      return;
    }
    if (expected === actual) return;
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1);
    if (!(Math.abs(expected - actual) <= 1e-9 * scale)) fail(`expected ${expected}, got ${actual}`);
    return;
  }
  if (ArrayBuffer.isView(expected)) {
    const e = expected as unknown as Float64Array;
    const a = actual as Float64Array;
    if (!ArrayBuffer.isView(actual) || a.length !== e.length)
      fail(`expected ${e.length} values, got ${a?.length}`);
    for (let i = 0; i < e.length; i++) expectClose(a[i], e[i], `${path}[${i}]`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail("expected a list");
    if (actual.length !== expected.length) fail(`expected ${expected.length} items, got ${actual.length}`);
    for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${path}[${i}]`);
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") fail("expected an object");
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const key of keys) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  if (actual !== expected) fail(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
