import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { Distance, OrderRule } from "@/nodes/core/orders";
import { compile } from "../compiler/index";
import { parseBarsCsv } from "../data/csv";
import { syntheticBars } from "../data/synthetic";
import type { RunSettingsInput } from "../execution/settings";
import { runBatch } from "../executor/batch";
import { PlanBuilder } from "../executor/testing";
import { starters } from "../starters/index";
import { templates } from "../templates/index";
import { generate } from "./index";
import { barsCsv, runExport, tempFile, tradeDifference } from "./testing/run-export";

const SAMPLES = ["public/samples/orcl-1995-2014.csv", "public/samples/2006-min-005.csv"];
const TARGETS = ["ts", "py"] as const;

function sampleBars(path: string) {
  const parsed = parseBarsCsv(readFileSync(path, "utf8"));
  if (!parsed.ok) throw new Error(`${path} does not parse`);
  return parsed.bars;
}

describe("exported strategies trade exactly like the engine", () => {
  for (const starter of starters) {
    for (const target of TARGETS) {
      test(`${starter.id} exported to ${target} gives the engine's trades on the samples`, () => {
        const compiled = compile(starter.graph);
        expect(compiled.ok, "the starter compiles").toBe(true);
        const source = { plan: compiled.plan!, sourceMap: compiled.sourceMap, graph: starter.graph };
        const code = generate(target, source);
        for (const path of SAMPLES) {
          const engine = runBatch(compiled.plan!, sampleBars(path));
          const exported = runExport(target, code, path);
          expect(
            engine.trades.length,
            `${path}: the starter trades, so the comparison means something`,
          ).toBeGreaterThan(0);
          expect(tradeDifference(engine.trades, exported.trades), `${path}: closed trades`).toBe("");
          expect(tradeDifference(engine.openTrades, exported.openTrades), `${path}: open trades`).toBe("");
        }
      });
    }
  }
});

describe("exported marketplace templates trade exactly like the engine", () => {
  const bars = sampleBars(SAMPLES[0]);
  for (const target of TARGETS) {
    test(`every template exported to ${target} gives the engine's trades on daily ORCL`, () => {
      let traded = 0;
      for (const template of templates) {
        const compiled = compile(template.graph);
        expect(compiled.ok, `${template.id} compiles`).toBe(true);
        const code = generate(target, { plan: compiled.plan!, graph: template.graph });
        const engine = runBatch(compiled.plan!, bars);
        if (engine.trades.length > 0) traded++;
        const exported = runExport(target, code, SAMPLES[0]);
        expect(tradeDifference(engine.trades, exported.trades), `${template.id}: closed trades`).toBe("");
        expect(tradeDifference(engine.openTrades, exported.openTrades), `${template.id}: open trades`).toBe(
          "",
        );
      }
      expect(
        traded,
        "most templates trade on 20 years of ORCL, so the comparison means something",
      ).toBeGreaterThan(templates.length / 2);
    }, 240_000);
  }
});

/** Math ops that turn one series into another, applied to a moving average in random plans. */
const TRANSFORMS = [
  ...["math.abs", "math.log", "math.exp", "math.sqrt", "math.round", "math.change", "math.percentChange"],
  ...["math.rollingSum", "math.rollingMean", "math.rollingStdev", "math.rollingMin", "math.rollingMax"],
  ...["math.zScore", "indicators.roc", "indicators.mom", "indicators.stdDev", "indicators.obv"],
  ...["indicators.natr", "indicators.willr", "indicators.cci", "indicators.mfi", "indicators.adx"],
  ...["indicators.dema", "indicators.tema", "indicators.trima", "indicators.kama", "indicators.hma"],
  ...["indicators.cmo", "indicators.trix", "indicators.linearReg", "indicators.linearRegSlope"],
] as const;
/** Conditions over the transformed series (and the other ops) that gate a random plan's entries. */
const GATES = [
  ...["logic.rising", "logic.falling", "logic.trueForBars", "logic.becameTrue", "logic.between"],
  ...["math.clamp", "logic.ifThenElse", "logic.barsSince", "logic.countInWindow", "math.pow"],
] as const;

/** Random plans over every op the runnable targets support, with random order rules and costs. */
const series = fc.constantFrom(
  ...["indicators.sma", "indicators.ema", "indicators.rsi", "math.lag", "indicators.wma", "indicators.rma"],
);
const distance: fc.Arbitrary<Distance | undefined> = fc.option(
  fc.oneof(
    fc.record({ mode: fc.constant("percent" as const), value: fc.double({ min: 0.2, max: 5, noNaN: true }) }),
    fc.record({ mode: fc.constant("points" as const), value: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
  ),
  { nil: undefined },
);
const spec = fc.record({
  first: series,
  firstPeriod: fc.integer({ min: 2, max: 20 }),
  second: series,
  secondPeriod: fc.integer({ min: 2, max: 30 }),
  band: fc.constantFrom("indicators.bbands", "indicators.donchian", "indicators.macd", "indicators.stoch"),
  signal: fc.constantFrom("logic.compare", "logic.crossesAbove", "logic.crossesBelow"),
  op: fc.constantFrom(">", ">=", "<", "<=", "==", "!="),
  combine: fc.constantFrom("logic.and", "logic.or", "none"),
  math: fc.constantFrom("math.add", "math.subtract", "math.multiply", "math.divide"),
  action: fc.constantFrom("enterLong", "enterShort") as fc.Arbitrary<OrderRule["action"]>,
  exit: fc.constantFrom("exitLong", "exitShort", "exitAll", "reverse") as fc.Arbitrary<OrderRule["action"]>,
  orderType: fc.constantFrom("market", "limit", "stop", "stopLimit") as fc.Arbitrary<OrderRule["orderType"]>,
  timeInForce: fc.constantFrom("day", "gtc") as fc.Arbitrary<OrderRule["timeInForce"]>,
  stopLoss: distance,
  takeProfit: distance,
  trailingStop: distance,
  atrStop: fc.boolean(),
  exitAfterBars: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  maxOpenPositions: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  cooldownBars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  sizing: fc.constantFrom("none", "percent", "cash", "risk"),
  transform: fc.constantFrom(...TRANSFORMS),
  gate: fc.constantFrom(...GATES),
  gateBars: fc.integer({ min: 1, max: 6 }),
  joinGate: fc.constantFrom("logic.or", "logic.xor", "logic.and"),
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function transformed(b: PlanBuilder, s: Spec, a: number): number {
  const op = s.transform;
  if (op === "math.exp") return b.step(op, {}, [b.step("math.change", { bars: 1 }, [a])[0]])[0];
  if (op === "math.round") return b.step(op, { decimals: s.gateBars % 3 }, [a])[0];
  if (op === "math.change" || op === "math.percentChange") return b.step(op, { bars: s.gateBars }, [a])[0];
  if (op === "indicators.obv") return b.step(op, {}, PlanBuilder.bars)[0];
  if (
    ["indicators.natr", "indicators.willr", "indicators.cci", "indicators.mfi", "indicators.adx"].includes(op)
  ) {
    return b.step(op, { period: s.gateBars + 1 }, PlanBuilder.bars)[0];
  }
  if (op === "indicators.stdDev") return b.step(op, { period: s.gateBars + 1, deviations: 1.5 }, [a])[0];
  if (op.startsWith("math.rolling") || op.startsWith("indicators.") || op === "math.zScore") {
    return b.step(op, { period: s.gateBars + 1 }, [a])[0];
  }
  return b.step(op, {}, [a])[0];
}

/** A condition from the gate op over a transformed series, the two averages and the plan's signal. */
function gate(b: PlanBuilder, s: Spec, a: number, c: number, when: number): number {
  const t = transformed(b, s, a);
  const up = () => b.step("logic.compare", { op: ">" }, [t, b.step("math.lag", { bars: 1 }, [t])[0]])[0];
  const lower = () => b.step("math.min", {}, [a, c])[0];
  const upper = () => b.step("math.max", {}, [a, c])[0];
  const compare = (op: string, x: number, y: number) => b.step("logic.compare", { op }, [x, y])[0];
  switch (s.gate) {
    case "logic.rising":
    case "logic.falling":
    case "logic.trueForBars":
      return b.step(s.gate, { bars: s.gateBars }, s.gate === "logic.trueForBars" ? [up()] : [t])[0];
    case "logic.becameTrue":
      return b.step(s.gate, {}, [up()])[0];
    case "logic.between":
      return b.step(s.gate, {}, [PlanBuilder.close, lower(), upper()])[0];
    case "math.clamp":
      return compare("==", b.step(s.gate, {}, [PlanBuilder.close, lower(), upper()])[0], PlanBuilder.close);
    case "logic.ifThenElse":
      return compare(">", PlanBuilder.close, b.step(s.gate, {}, [when, a, c])[0]);
    case "logic.barsSince":
      return compare("<", b.step(s.gate, {}, [when])[0], b.constant(s.gateBars));
    case "logic.countInWindow":
      return compare(">=", b.step(s.gate, { period: s.gateBars + 2 }, [when])[0], b.constant(2));
    case "math.pow": {
      const squared = (x: number) => b.step(s.gate, {}, [x, b.constant(2)])[0];
      return compare(">", squared(t), squared(b.step("math.lag", { bars: 1 }, [t])[0]));
    }
  }
}

function randomPlan(s: Spec) {
  const b = new PlanBuilder(catalogue);
  const price = b.step("data.priceFeed", { field: "hlc3" }, PlanBuilder.bars);
  const close = price[6];
  const period = (op: string, value: number) => (op === "math.lag" ? { bars: value } : { period: value });
  const a = b.step(s.first, period(s.first, s.firstPeriod), [close])[0];
  const c = b.step(s.second, period(s.second, s.secondPeriod), [PlanBuilder.close])[0];
  const band =
    s.band === "indicators.bbands"
      ? b.step(s.band, { period: 10 }, [a])
      : s.band === "indicators.macd"
        ? b.step(s.band, { fastPeriod: 5, slowPeriod: 9, signalPeriod: 3 }, [c])
        : b.step(s.band, {}, PlanBuilder.bars);
  const mixed = b.step(s.math, {}, [a, b.constant(1.01)])[0];
  let when =
    s.signal === "logic.compare"
      ? b.step(s.signal, { op: s.op }, [mixed, c])[0]
      : b.step(s.signal, {}, [a, c])[0];
  if (s.combine !== "none") {
    const other = b.step("logic.compare", { op: ">" }, [PlanBuilder.close, band[1]])[0];
    when = b.step(s.combine, {}, [when, other])[0];
  }
  when = b.step(s.joinGate, {}, [when, gate(b, s, a, c, when)])[0];
  const exitWhen = b.step("logic.not", {}, [when])[0];
  const atr = b.step("indicators.atr", { period: 5 }, PlanBuilder.bars)[0];
  const sizing: OrderRule["sizing"] =
    s.sizing === "percent"
      ? { mode: "percentOfEquity", percent: 40 }
      : s.sizing === "cash"
        ? { mode: "fixedCash", cash: 2500 }
        : s.sizing === "risk"
          ? { mode: "riskPercent", percent: 1 }
          : undefined;
  b.order({
    action: s.action,
    when,
    orderType: s.orderType,
    timeInForce: s.timeInForce,
    limitPrice: b.step("indicators.sma", { period: 3 }, [PlanBuilder.close])[0],
    stopPrice: s.action === "enterLong" ? PlanBuilder.high : PlanBuilder.low,
    stopLoss: s.atrStop ? { mode: "slot", slot: atr } : s.stopLoss,
    takeProfit: s.takeProfit,
    trailingStop: s.trailingStop,
    exitAfterBars: s.exitAfterBars,
    maxOpenPositions: s.maxOpenPositions,
    cooldownBars: s.cooldownBars,
    sizing,
  });
  b.order({ action: s.exit, when: b.step("logic.crossesBelow", {}, [a, c])[0] });
  b.order({ action: "exitAll", when: exitWhen, orderType: "limit", limitPrice: band[0] });
  return b.build();
}

const market = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  count: fc.integer({ min: 40, max: 400 }),
  volatility: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  intraday: fc.boolean(),
});
const costs: fc.Arbitrary<RunSettingsInput> = fc.record({
  initialCash: fc.constantFrom(5_000, 100_000),
  defaultQuantity: fc.integer({ min: 1, max: 30 }),
  commission: fc.record({
    percent: fc.constantFrom(0, 0.1),
    perUnit: fc.constantFrom(0, 0.01),
    perOrder: fc.constantFrom(0, 1),
  }),
  slippage: fc.record({ bps: fc.constantFrom(0, 5), ticks: fc.constantFrom(0, 1) }),
  tickSize: fc.constantFrom(0.01, 0.05),
});

describe("random plans", () => {
  test("exported JavaScript and Python give the engine's trades on random plans, data and costs", () => {
    let traded = 0;
    fc.assert(
      fc.property(spec, market, costs, (s, m, settings) => {
        const plan = randomPlan(s);
        const bars = syntheticBars({
          count: m.count,
          seed: m.seed,
          volatility: m.volatility,
          intervalMs: m.intraday ? 3_600_000 : 86_400_000,
        });
        const csv = tempFile("bars.csv", barsCsv(bars));
        const engine = runBatch(plan, bars, settings);
        if (engine.trades.length > 0) traded++;
        for (const target of TARGETS) {
          const exported = runExport(target, generate(target, { plan }), csv, settings);
          expect(tradeDifference(engine.trades, exported.trades), `${target}: closed trades`).toBe("");
          expect(tradeDifference(engine.openTrades, exported.openTrades), `${target}: open trades`).toBe("");
        }
      }),
      { numRuns: 100, seed: 20261121 },
    );
    expect(traded, "most random plans trade, so the comparison is not vacuous").toBeGreaterThan(40);
  }, 240_000);
});
