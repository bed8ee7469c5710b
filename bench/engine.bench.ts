import type { BarColumns } from "@/engine-runtime/data/bars";
import { barAt, sliceBars } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { runBatch } from "@/engine-runtime/executor/batch";
import { createStream } from "@/engine-runtime/executor/stream";
import { PlanBuilder } from "@/engine-runtime/executor/testing";
import type { Plan } from "@/engine-runtime/plan/schema";
import { catalogue } from "@/nodes/catalogue";
import { type Benchmark, type BenchRow, medianSeconds, percentile } from "./harness";

/** SMA(10) crossing SMA(30): enter long on the cross up, exit on the cross down. */
export function smaCrossover(): Plan {
  const plan = new PlanBuilder(catalogue);
  const [fast] = plan.step("indicators.sma", { period: 10 }, [PlanBuilder.close]);
  const [slow] = plan.step("indicators.sma", { period: 30 }, [PlanBuilder.close]);
  const [up] = plan.step("logic.crossesAbove", {}, [fast, slow]);
  const [down] = plan.step("logic.crossesBelow", {}, [fast, slow]);
  return plan.order({ action: "enterLong", when: up }).order({ action: "exitLong", when: down }).build();
}

/**
 * Five indicators: enter long when the close crosses above EMA(20) while RSI(14) < 70 and the
 * close is above SMA(50); exit when the close reaches the upper Bollinger band (20, 2); a stop
 * loss ATR(14) points below the entry.
 */
export function fiveIndicators(): Plan {
  const plan = new PlanBuilder(catalogue);
  const close = PlanBuilder.close;
  const [sma] = plan.step("indicators.sma", { period: 50 }, [close]);
  const [ema] = plan.step("indicators.ema", { period: 20 }, [close]);
  const [rsi] = plan.step("indicators.rsi", { period: 14 }, [close]);
  const [atr] = plan.step("indicators.atr", { period: 14 }, PlanBuilder.bars);
  const [upper] = plan.step("indicators.bbands", { period: 20 }, [close]);
  const [crossed] = plan.step("logic.crossesAbove", {}, [close, ema]);
  const [calm] = plan.step("logic.compare", { op: "<" }, [rsi, plan.constant(70)]);
  const [trend] = plan.step("logic.compare", { op: ">" }, [close, sma]);
  const [setup] = plan.step("logic.and", {}, [crossed, calm]);
  const [entry] = plan.step("logic.and", {}, [setup, trend]);
  const [stretched] = plan.step("logic.compare", { op: ">" }, [close, upper]);
  return plan
    .order({ action: "enterLong", when: entry, stopLoss: { mode: "slot", slot: atr } })
    .order({ action: "exitLong", when: stretched })
    .build();
}

/**
 * Bars per second of batch runs, and the trades a run closes (so the row says how busy the
 * strategy is: the broker's work grows with trades, not bars). A run over 20 s is measured once
 * instead of as a median.
 */
function batchRate(plan: Plan, bars: BarColumns): { rate: number; trades: number } {
  const settings = { initialCash: 1e9 };
  const started = performance.now();
  const { metrics } = runBatch(plan, bars, settings, catalogue);
  const once = (performance.now() - started) / 1000;
  const seconds = once > 20 ? once : medianSeconds(() => runBatch(plan, bars, settings, catalogue), 5, 1);
  return { rate: bars.time.length / seconds, trades: metrics.trades };
}

/** Microseconds per pushBar, after the columns have grown to hold every bar once. */
function streamLatencies(plan: Plan, bars: BarColumns): number[] {
  const n = bars.time.length;
  const stream = createStream(plan, { initialCash: 1e9 }, catalogue, n);
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const bar = barAt(bars, i);
    const started = process.hrtime.bigint();
    stream.pushBar(bar);
    latencies.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return latencies.slice(1000);
}

const benchmark: Benchmark = {
  name: "engine",
  async run() {
    const rows: BenchRow[] = [];
    const all = syntheticBars({ count: 10_000_000, seed: 2024, intervalMs: 60_000, volatility: 0.3 });
    const sizes = [
      ["1M", sliceBars(all, 0, 1_000_000)],
      ["10M", all],
    ] as const;
    for (const [name, make] of [
      ["SMA crossover", smaCrossover],
      ["5-indicator strategy (SMA, EMA, RSI, ATR, Bollinger + entry, exit, stop)", fiveIndicators],
    ] as const) {
      for (const [size, bars] of sizes) {
        const { rate, trades } = batchRate(make(), bars);
        rows.push({
          case: `${name}, batch, ${size} bars, ${trades.toLocaleString("en")} trades`,
          unit: "bars/s",
          higherIsBetter: true,
          ours: { subject: "strata", value: rate },
          target: make === fiveIndicators ? "≥ 30M bars/s" : undefined,
        });
      }
    }
    // The report's logs and derived curves become objects on first read; this row pays for all of them.
    const million = sizes[0][1];
    const readAll = () => {
      const result = runBatch(fiveIndicators(), million, { initialCash: 1e9 }, catalogue);
      return (
        result.trades.length +
        result.fills.length +
        result.orders.length +
        result.events.length +
        result.cash.length +
        result.position.length +
        result.drawdown.length
      );
    };
    rows.push({
      case: "5-indicator strategy, batch, 1M bars, reading every field of the report",
      unit: "bars/s",
      higherIsBetter: true,
      ours: { subject: "strata", value: million.time.length / medianSeconds(readAll, 5, 1) },
    });
    const latencies = streamLatencies(fiveIndicators(), sliceBars(all, 0, 200_000));
    for (const p of [50, 99]) {
      rows.push({
        case: `5-indicator strategy, streaming, p${p} per bar`,
        unit: "µs/bar",
        higherIsBetter: false,
        ours: { subject: "strata", value: percentile(latencies, p) },
      });
    }
    return rows;
  },
};

export default benchmark;
