import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { barAt } from "../data/bars";
import { syntheticBars } from "../data/synthetic";
import { runBatch } from "./batch";
import { createStream } from "./stream";
import { PlanBuilder } from "./testing";

function crossover(fast: number, slow: number) {
  const plan = new PlanBuilder(catalogue);
  const [a] = plan.step("indicators.sma", { period: fast }, [PlanBuilder.close]);
  const [b] = plan.step("indicators.ema", { period: slow }, [PlanBuilder.close]);
  const [up] = plan.step("logic.crossesAbove", {}, [a, b]);
  const [down] = plan.step("logic.crossesBelow", {}, [a, b]);
  return plan
    .order({ action: "enterLong", when: up })
    .order({ action: "exitLong", when: down })
    .plot(a, "SMA")
    .build();
}

describe("streaming", () => {
  const bars = syntheticBars({ count: 400, seed: 5, intervalMs: 86_400_000 });

  test("each pushed bar reports the orders placed and the fills on it", () => {
    const stream = createStream(crossover(5, 20), {}, catalogue, 4);
    const outcomes = Array.from({ length: 400 }, (_, i) => stream.pushBar(barAt(bars, i)));
    const result = stream.result();
    const placed = outcomes.findIndex((o) => o.events.some((e) => e.status === "created"));
    expect(placed, "some bar places an order").toBeGreaterThan(0);
    expect(
      outcomes[placed + 1].fills[0],
      "the market order fills on the next bar, at its open",
    ).toMatchObject({
      bar: placed + 1,
      price: bars.open[placed + 1],
    });
    expect(outcomes.flatMap((o) => o.fills)).toEqual(result.fills);
    expect(outcomes.map((o) => o.equity)).toEqual(Array.from(result.equity));
  });

  test("refuses a bar that is not later than the previous one", () => {
    const stream = createStream(crossover(5, 20), {}, catalogue, 0);
    stream.pushBar(barAt(bars, 1));
    expect(() => stream.pushBar(barAt(bars, 0))).toThrow(/is not later than the previous bar/);
    expect(() => stream.pushBar({ ...barAt(bars, 2), close: Number.NaN })).toThrow(/missing or non-numeric/);
  });
});

test("a batch run reusing pooled columns of an earlier run gives the same result as a fresh stream", () => {
  const bars = syntheticBars({ count: 300, seed: 9, intervalMs: 86_400_000 });
  runBatch(crossover(3, 30), bars, {}, catalogue);
  const plan = crossover(10, 15);
  const stream = createStream(plan, {}, catalogue);
  for (let i = 0; i < 300; i++) stream.pushBar(barAt(bars, i));
  expect(runBatch(plan, bars, {}, catalogue)).toEqual(stream.result());
});

test("a batch run over several blocks of bars gives the same result as a stream", () => {
  // Batch runs compute and trade 16,384 bars at a time; 40,000 minute bars cross two block edges
  // with positions open, stops held and signals searched across them.
  const bars = syntheticBars({ count: 40_000, seed: 11, intervalMs: 60_000, volatility: 0.3 });
  const plan = new PlanBuilder(catalogue);
  const [trend] = plan.step("indicators.ema", { period: 20 }, [PlanBuilder.close]);
  const [atr] = plan.step("indicators.atr", { period: 14 }, PlanBuilder.bars);
  const [up] = plan.step("logic.crossesAbove", {}, [PlanBuilder.close, trend]);
  const [down] = plan.step("logic.crossesBelow", {}, [PlanBuilder.close, trend]);
  const built = plan
    .order({ action: "enterLong", when: up, stopLoss: { mode: "slot", slot: atr } })
    .order({ action: "exitLong", when: down })
    .build();
  const stream = createStream(built, { initialCash: 1e9 }, catalogue);
  for (let i = 0; i < 40_000; i++) stream.pushBar(barAt(bars, i));
  const batch = runBatch(built, bars, { initialCash: 1e9 }, catalogue);
  expect(batch.trades.length, "a busy strategy, trading in every block").toBeGreaterThan(1000);
  expect(batch).toEqual(stream.result());
});

test("a plan that reads a second feed is refused with the feed named", () => {
  const plan = {
    ...crossover(5, 20),
    feeds: [
      { symbol: "", timeframe: "" },
      { symbol: "SPY", timeframe: "1d" },
    ],
  };
  expect(() => runBatch(plan, syntheticBars({ count: 10 }), {}, catalogue)).toThrow(
    "This plan reads more than one price feed (SPY 1d); the engine runs plans on one feed only.",
  );
});
