import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { compile } from "../compiler";
import type { BarColumns } from "../data/bars";
import { parseBarsCsv } from "../data/csv";
import { runBatch } from "./batch";
import { createStream } from "./stream";

function sample(name: string): BarColumns {
  const result = parseBarsCsv(readFileSync(new URL(`../../public/samples/${name}`, import.meta.url), "utf8"));
  if (!result.ok) throw new Error(`${name} did not parse`);
  return result.bars;
}

const day = sample("2006-day-001.csv");
const n = day.close.length;

interface Edge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}
const edge = (source: string, sourceHandle: string, target: string, targetHandle: string): Edge => ({
  id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

function compiled(nodes: { id: string; type: string; params?: Record<string, unknown> }[], edges: Edge[]) {
  const result = compile(
    { version: 1, nodes: nodes.map((node) => ({ params: {}, ...node })), edges },
    { registry: catalogue },
  );
  if (!result.ok || !result.plan) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.plan;
}

/** Long-only trades from entry/exit signals on closes, filled at the next open: the semantics, in plain loops. */
function expectedTrades(enter: (i: number) => boolean, exit: (i: number) => boolean) {
  const trades: { entryBar: number; entryPrice: number; exitBar: number; exitPrice: number }[] = [];
  let entryBar = -1;
  for (let i = 0; i + 1 < n; i++) {
    if (entryBar < 0 && enter(i)) entryBar = i + 1;
    else if (entryBar >= 0 && entryBar <= i && exit(i)) {
      trades.push({ entryBar, entryPrice: day.open[entryBar], exitBar: i + 1, exitPrice: day.open[i + 1] });
      entryBar = -1;
    }
  }
  return trades;
}

describe("SMA(10) / SMA(30) crossover on 2006-day-001.csv", () => {
  const plan = compiled(
    [
      { id: "feed", type: "data.priceFeed" },
      { id: "fast", type: "indicators.sma", params: { period: 10 } },
      { id: "slow", type: "indicators.sma", params: { period: 30 } },
      { id: "up", type: "logic.crossesAbove" },
      { id: "down", type: "logic.crossesBelow" },
      { id: "buy", type: "orders.enterLong" },
      { id: "sell", type: "orders.exit", params: { side: "long" } },
    ],
    [
      edge("feed", "value", "fast", "source"),
      edge("feed", "value", "slow", "source"),
      edge("fast", "value", "up", "a"),
      edge("slow", "value", "up", "b"),
      edge("fast", "value", "down", "a"),
      edge("slow", "value", "down", "b"),
      edge("up", "result", "buy", "when"),
      edge("down", "result", "sell", "when"),
    ],
  );
  const result = runBatch(plan, day, { initialCash: 10_000, defaultQuantity: 1 }, catalogue);

  test("trades at the next open after each cross, as plain loops compute them", () => {
    // Each SMA summed afresh over its window, not with a running sum.
    const sma = (period: number, i: number) => {
      if (i < period - 1) return Number.NaN;
      let sum = 0;
      for (let k = i - period + 1; k <= i; k++) sum += day.close[k];
      return sum / period;
    };
    const above = (i: number) => sma(10, i) > sma(30, i);
    const up = (i: number) => i >= 30 && above(i) && !above(i - 1);
    const down = (i: number) => i >= 30 && !above(i) && above(i - 1);
    const expected = expectedTrades(up, down);
    expect(expected.length, "the reference finds crossovers in 2006").toBeGreaterThanOrEqual(3);
    expect(
      result.trades.map(({ entryBar, entryPrice, exitBar, exitPrice }) => ({
        entryBar,
        entryPrice,
        exitBar,
        exitPrice,
      })),
    ).toEqual(expected);
    for (const trade of result.trades) {
      expect(trade.pnl, `P&L of the trade entered on bar ${trade.entryBar}`).toBeCloseTo(
        trade.exitPrice - trade.entryPrice,
        9,
      );
    }
  });

  test("the trades, written out from the file", () => {
    // Bar k is line k + 2 of the CSV. Entries and exits fill at the open of the bar after the cross.
    const literal = result.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.pnl]);
    expect(literal).toEqual([
      [83, 3839.24, 93, 3711.46, -127.78], // 2006-05-02 open → 2006-05-16 open
      [128, 3664.59, 145, 3649.29, -15.3],
      [146, 3671.71, 237, 3935.81, 264.1],
    ]);
    expect(result.openTrades[0], "still long at the end, valued at the last close").toMatchObject({
      entryBar: 248,
      entryPrice: 4121.01,
      exitPrice: 4119.94,
      exitReason: "open",
    });
    expect(result.metrics.trades).toBe(3);
    expect(result.metrics.finalEquity, "10000 + the closed P&L + the open one").toBeCloseTo(
      10_000 - 127.78 - 15.3 + 264.1 - 1.07,
      9,
    );
  });

  test("the stream gives the same report", () => {
    const stream = createStream(plan, { initialCash: 10_000, defaultQuantity: 1 }, catalogue, 8);
    for (let i = 0; i < n; i++) {
      stream.pushBar({
        time: day.time[i],
        open: day.open[i],
        high: day.high[i],
        low: day.low[i],
        close: day.close[i],
        volume: day.volume[i],
      });
    }
    expect(stream.result()).toEqual(result);
  });
});

describe("RSI(14) mean reversion on 2006-day-001.csv", () => {
  const plan = compiled(
    [
      { id: "feed", type: "data.priceFeed" },
      { id: "rsi", type: "indicators.rsi", params: { period: 14 } },
      { id: "oversold", type: "logic.compare", params: { op: "<", value: 30 } },
      { id: "recovered", type: "logic.compare", params: { op: ">", value: 50 } },
      { id: "buy", type: "orders.enterLong" },
      { id: "sell", type: "orders.exit", params: { side: "long" } },
    ],
    [
      edge("feed", "value", "rsi", "source"),
      edge("rsi", "value", "oversold", "a"),
      edge("rsi", "value", "recovered", "a"),
      edge("oversold", "result", "buy", "when"),
      edge("recovered", "result", "sell", "when"),
    ],
  );
  const result = runBatch(plan, day, { initialCash: 100_000, defaultQuantity: 10 }, catalogue);

  test("trades as a plain Wilder RSI computes them", () => {
    // Wilder's RSI: average gain and loss seeded by the mean of the first 14 changes, then smoothed by 13/14.
    const rsi = new Float64Array(n).fill(Number.NaN);
    let gain = 0;
    let loss = 0;
    for (let i = 1; i < n; i++) {
      const change = day.close[i] - day.close[i - 1];
      const up = Math.max(change, 0);
      const down = Math.max(-change, 0);
      if (i <= 14) {
        gain += up / 14;
        loss += down / 14;
      } else {
        gain = (gain * 13 + up) / 14;
        loss = (loss * 13 + down) / 14;
      }
      if (i >= 14) rsi[i] = (100 * gain) / (gain + loss);
    }
    const expected = expectedTrades(
      (i) => rsi[i] < 30,
      (i) => rsi[i] > 50,
    );
    expect(expected.length, "2006 had oversold spells").toBeGreaterThan(0);
    expect(
      result.trades.map(({ entryBar, entryPrice, exitBar, exitPrice }) => ({
        entryBar,
        entryPrice,
        exitBar,
        exitPrice,
      })),
    ).toEqual(expected);
    for (const trade of result.trades) expect(trade.quantity).toBe(10);
  });

  test("the trade, written out from the file", () => {
    // Oversold (RSI < 30) first on bar 94's close; RSI back above 50 on bar 125's close.
    expect(result.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.pnl])).toEqual([
      [95, 3607.41, 126, 3592.01, -154], // 2006-05-18 open → 2006-06-30 open, 10 × −15.40
    ]);
  });

  test("ten units at 3607 need more than 10000 cash: the entry is rejected", () => {
    const poor = runBatch(plan, day, { initialCash: 10_000, defaultQuantity: 10 }, catalogue);
    expect(poor.trades).toEqual([]);
    expect(poor.events.find((e) => e.status === "rejected")?.reason).toBe(
      "Not enough cash: 10 units at 3607.41 cost 36074.1 plus 0 commission, but only 10000 is available.",
    );
  });
});
