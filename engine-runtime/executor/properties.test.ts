import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { Distance, OrderRule } from "@/nodes/core/orders";
import { type BarColumns, barAt } from "../data/bars";
import { syntheticBars } from "../data/synthetic";
import type { RunSettingsInput } from "../execution/settings";
import type { Plan } from "../plan/schema";
import { runBatch } from "./batch";
import type { BacktestResult } from "./result";
import { createStream } from "./stream";
import { PlanBuilder } from "./testing";

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

/**
 * Random strategies built from real nodes: a few indicators on the close or on each other, two
 * signals comparing them, an entry and an exit rule with random order types and attached exits.
 */
const indicator = fc.record({
  op: fc.constantFrom("indicators.sma", "indicators.ema"),
  period: fc.integer({ min: 2, max: 20 }),
  onPrevious: fc.boolean(),
});
const distance: fc.Arbitrary<Distance | undefined> = fc.option(
  fc.oneof(
    fc.record({ mode: fc.constant("percent" as const), value: fc.double({ min: 0.2, max: 5, noNaN: true }) }),
    fc.record({ mode: fc.constant("points" as const), value: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
  ),
  { nil: undefined },
);
const entry = fc.record({
  action: fc.constantFrom("enterLong", "enterShort") as fc.Arbitrary<OrderRule["action"]>,
  orderType: fc.constantFrom("market", "limit", "stop", "stopLimit") as fc.Arbitrary<OrderRule["orderType"]>,
  timeInForce: fc.constantFrom("day", "gtc") as fc.Arbitrary<OrderRule["timeInForce"]>,
  stopLoss: distance,
  takeProfit: distance,
  trailingStop: distance,
  exitAfterBars: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  maxOpenPositions: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  cooldownBars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  percentSizing: fc.boolean(),
});
const strategy = fc.record({
  indicators: fc.array(indicator, { minLength: 2, maxLength: 4 }),
  entry,
  exitAction: fc.constantFrom("exitLong", "exitShort", "exitAll") as fc.Arbitrary<OrderRule["action"]>,
  crossing: fc.boolean(),
  reverses: fc.boolean(),
  /** Exit on RSI above this level instead of on the averages' opposite signal. */
  rsiExit: fc.option(
    fc.record({ period: fc.integer({ min: 2, max: 20 }), level: fc.integer({ min: 40, max: 70 }) }),
    {
      nil: undefined,
    },
  ),
});

function buildPlan(spec: Of<typeof strategy>): Plan {
  const builder = new PlanBuilder(catalogue);
  const series: number[] = [];
  for (const { op, period, onPrevious } of spec.indicators) {
    const source = onPrevious && series.length > 0 ? series[series.length - 1] : PlanBuilder.close;
    series.push(builder.step(op, { period }, [source])[0]);
  }
  const [a, b] = [series[0], series[series.length - 1]];
  const above = builder.step(spec.crossing ? "logic.crossesAbove" : "logic.compare", {}, [a, b])[0];
  const below = builder.step(spec.crossing ? "logic.crossesBelow" : "logic.compare", { op: "<" }, [a, b])[0];
  const { percentSizing, ...rule } = spec.entry;
  // Limit and stop prices near the market: a short average of the close, and the signal bar's high.
  const near = builder.step("indicators.sma", { period: 3 }, [PlanBuilder.close])[0];
  builder.order({
    ...rule,
    when: above,
    limitPrice: near,
    stopPrice: rule.action === "enterLong" ? PlanBuilder.high : PlanBuilder.low,
    sizing: percentSizing ? { mode: "percentOfEquity", percent: 40 } : undefined,
  });
  if (spec.rsiExit) {
    const rsi = builder.step("indicators.rsi", { period: spec.rsiExit.period }, [PlanBuilder.close])[0];
    const level = builder.constant(spec.rsiExit.level);
    builder.order({ action: spec.exitAction, when: builder.step("logic.compare", {}, [rsi, level])[0] });
  } else builder.order({ action: spec.exitAction, when: below });
  if (spec.reverses)
    builder.order({ action: "reverse", when: builder.step("logic.crossesAbove", {}, [b, a])[0] });
  for (const slot of series) builder.plot(slot, `slot ${slot}`);
  return builder.build();
}

const market = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  count: fc.integer({ min: 2, max: 300 }),
  volatility: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
});
const bars = ({ seed, count, volatility }: Of<typeof market>) =>
  syntheticBars({ count, seed, volatility, intervalMs: 86_400_000 });

const costs: fc.Arbitrary<RunSettingsInput> = fc.record({
  initialCash: fc.constantFrom(2_000, 100_000),
  defaultQuantity: fc.integer({ min: 1, max: 30 }),
  commission: fc.record({
    percent: fc.constantFrom(0, 0.1),
    perUnit: fc.constantFrom(0, 0.01),
    perOrder: fc.constantFrom(0, 1),
  }),
  slippage: fc.record({ bps: fc.constantFrom(0, 5), ticks: fc.constantFrom(0, 1) }),
});

function stream(plan: Plan, data: BarColumns, settings: RunSettingsInput): BacktestResult {
  const live = createStream(plan, settings, catalogue, 2);
  for (let i = 0; i < data.time.length; i++) live.pushBar(barAt(data, i));
  return live.result();
}

const RUNS = { numRuns: 150 };

describe("properties of the engine over random strategies and data", () => {
  test("streaming bar by bar gives exactly the batch result", () => {
    fc.assert(
      fc.property(strategy, market, costs, (spec, m, settings) => {
        const plan = buildPlan(spec);
        const data = bars(m);
        expect(stream(plan, data, settings)).toEqual(runBatch(plan, data, settings, catalogue));
      }),
      RUNS,
    );
  });

  test("no look-ahead: changing the bars after t changes no decision up to t", () => {
    fc.assert(
      fc.property(
        strategy,
        market,
        costs,
        fc.integer({ min: 1, max: 1_000_000 }),
        (spec, m, settings, seed) => {
          const plan = buildPlan(spec);
          const data = bars(m);
          const other = syntheticBars({
            count: m.count,
            seed,
            volatility: m.volatility,
            intervalMs: 86_400_000,
          });
          const t = Math.floor(m.count / 2);
          const changed = bars(m);
          for (const field of ["open", "high", "low", "close", "volume"] as const) {
            changed[field].set(other[field].subarray(t + 1), t + 1);
          }
          const before = runBatch(plan, data, settings, catalogue);
          const after = runBatch(plan, changed, settings, catalogue);
          const upTo = <T extends { bar: number }>(items: T[]) => items.filter((item) => item.bar <= t);
          expect(upTo(after.events), "order events up to t").toEqual(upTo(before.events));
          expect(upTo(after.fills), "fills up to t").toEqual(upTo(before.fills));
          expect(Array.from(after.equity.subarray(0, t + 1))).toEqual(
            Array.from(before.equity.subarray(0, t + 1)),
          );
        },
      ),
      RUNS,
    );
  });

  test("cash + position × close = equity at every bar, and cash and position replay from the fills", () => {
    fc.assert(
      fc.property(strategy, market, costs, (spec, m, settings) => {
        const data = bars(m);
        const result = runBatch(buildPlan(spec), data, settings, catalogue);
        let cash = settings.initialCash!;
        let position = 0;
        let next = 0;
        for (let t = 0; t < result.bars; t++) {
          for (; next < result.fills.length && result.fills[next].bar === t; next++) {
            const { side, quantity, price, commission } = result.fills[next];
            const sign = side === "buy" ? 1 : -1;
            cash += -sign * quantity * price - commission;
            position += sign * quantity;
          }
          expect(result.position[t], `position at bar ${t}`).toBeCloseTo(position, 9);
          expect(Math.abs(result.cash[t] - cash), `cash at bar ${t}, rounded to cents per fill`).toBeLessThan(
            0.01 * (next + 1),
          );
          expect(result.equity[t], `equity at bar ${t}`).toBe(
            result.cash[t] + result.position[t] * data.close[t],
          );
        }
      }),
      RUNS,
    );
  });

  test("every fill is priced inside its bar's range", () => {
    fc.assert(
      fc.property(strategy, market, costs, (spec, m, settings) => {
        const data = bars(m);
        const result = runBatch(buildPlan(spec), data, settings, catalogue);
        for (const fill of result.fills) {
          expect(fill.price, `fill on bar ${fill.bar}`).toBeGreaterThanOrEqual(data.low[fill.bar]);
          expect(fill.price, `fill on bar ${fill.bar}`).toBeLessThanOrEqual(data.high[fill.bar]);
        }
      }),
      RUNS,
    );
  });

  test("the random strategies do trade, so the properties above are not vacuous", () => {
    const samples = fc.sample(fc.tuple(strategy, market, costs), { numRuns: 100, seed: 1 });
    const traded = samples.filter(([spec, m, settings]) => {
      return runBatch(buildPlan(spec), bars(m), settings, catalogue).fills.length > 0;
    });
    expect(traded.length, "most random strategies fill at least one order").toBeGreaterThan(50);
  });
});
