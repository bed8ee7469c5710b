import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { talibRun } from "@/nodes/testing/talib";
import { compile } from "../compiler";
import { parseBarsCsv } from "../data/csv";
import { runBatch } from "../executor";
import { findStarter, starters } from "./index";

const parsed = parseBarsCsv(
  readFileSync(new URL("../../public/samples/orcl-1995-2014.csv", import.meta.url), "utf8"),
);
if (!parsed.ok) throw new Error("public/samples/orcl-1995-2014.csv did not parse");
const orcl = parsed.bars;

function planOf(id: string) {
  const result = compile(findStarter(id)!.graph, { dataLength: orcl.close.length });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.plan;
}

describe("starter strategies", () => {
  it("offers the five classics of the gallery, each with a unique id", () => {
    expect(starters.map((s) => s.id)).toEqual([
      "moving-average-crossover",
      "rsi-mean-reversion",
      "bollinger-breakout",
      "macd-crossover",
      "donchian-breakout",
    ]);
  });

  for (const starter of starters) {
    describe(starter.name, () => {
      it("compiles with no errors and no warnings", () => {
        const result = compile(starter.graph, { dataLength: orcl.close.length });
        expect(
          result.diagnostics.map((d) => d.message),
          "a starter is what new users see first: it must be clean",
        ).toEqual([]);
        expect(result.ok).toBe(true);
      });

      it("trades on ORCL 1995–2014 daily bars", () => {
        const result = runBatch(planOf(starter.id), orcl);
        expect(result.trades.length, "a starter that never trades teaches nothing").toBeGreaterThan(0);
      });

      it("is laid out left to right without overlapping nodes", () => {
        const at = new Map(starter.graph.nodes.map((n) => [n.id, n.position]));
        for (const e of starter.graph.edges) {
          expect(at.get(e.source)!.x, `${e.id} must flow rightwards`).toBeLessThan(at.get(e.target)!.x);
        }
        const spots = starter.graph.nodes.map((n) => `${n.position.x},${n.position.y}`);
        expect(new Set(spots).size, "two nodes on one spot hide each other").toBe(spots.length);
      });
    });
  }

  it("moving-average crossover enters the bar after every golden cross of TA-Lib's SMA(10) and SMA(30)", () => {
    const fast = talibRun("SMA", { inReal: orcl.close }, { optInTimePeriod: 10 }).outReal;
    const slow = talibRun("SMA", { inReal: orcl.close }, { optInTimePeriod: 30 }).outReal;
    const crossedUp = (i: number) => fast[i] > slow[i] && fast[i - 1] <= slow[i - 1];
    const result = runBatch(planOf("moving-average-crossover"), orcl);
    const trades = [...result.trades, ...result.openTrades];
    for (const trade of trades) {
      expect(crossedUp(trade.entryBar - 1), `entry at bar ${trade.entryBar} follows a golden cross`).toBe(
        true,
      );
    }
    let crosses = 0;
    for (let i = 30; i < orcl.close.length - 1; i++) if (crossedUp(i)) crosses++;
    expect(trades.length, "flat between crosses, so every golden cross opens one trade").toBe(crosses);
  });

  it("Donchian breakout's stop loss closes some trades", () => {
    const result = runBatch(planOf("donchian-breakout"), orcl);
    const stopped = result.trades.filter((t) => t.exitReason === "stopLoss");
    expect(stopped.length, "the 5% stop is wired into the entry order").toBeGreaterThan(0);
    for (const trade of stopped) {
      expect(trade.exitPrice, "a long is stopped out at or below 95% of its entry").toBeLessThanOrEqual(
        trade.entryPrice * 0.95 + 0.01,
      );
    }
  });

  it("hands out copies, so a new strategy's edits never change the gallery", () => {
    const copy = findStarter("rsi-mean-reversion")!;
    copy.graph.nodes[0].position.x = 999;
    expect(findStarter("rsi-mean-reversion")!.graph.nodes[0].position.x).toBe(0);
    expect(findStarter("no-such-starter")).toBeUndefined();
  });
});
