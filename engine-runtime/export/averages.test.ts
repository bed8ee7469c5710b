import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { MOVING_AVERAGE_TYPES } from "@/nodes/indicators/apo/moving-average-type";
import { type BarColumns, sliceBars } from "../data/bars";
import { parseBarsCsv } from "../data/csv";
import { syntheticBars } from "../data/synthetic";
import { PlanBuilder } from "../executor/testing";
import type { Plan } from "../plan/schema";
import { columnDifference } from "./testing/columns";

/**
 * The moving averages and oscillators of ops-averages.ts with params other than their defaults:
 * every column both exports print must equal the engine's. Each property builds one plan holding
 * several ops so a run spawns node and python once per target.
 */

const daily = (() => {
  const parsed = parseBarsCsv(readFileSync("public/samples/orcl-1995-2014.csv", "utf8"));
  if (!parsed.ok) throw new Error("the ORCL sample does not parse");
  return sliceBars(parsed.bars, 3000, 3500);
})();
const intraday = syntheticBars({ count: 400, seed: 11, volatility: 0.8, intervalMs: 300_000 });
const barSets = fc.constantFrom(daily, intraday);

const FEEDS = [PlanBuilder.close, PlanBuilder.open, PlanBuilder.high, PlanBuilder.low];

/** A price feed, delayed by `lag` bars so the ops start later than bar 0 (their `start`). */
function source(b: PlanBuilder, feed: number, lag: number): number {
  return lag === 0 ? feed : b.step("math.lag", { bars: lag }, [feed])[0];
}

function expectEngineColumns(plan: Plan, bars: BarColumns, what: string) {
  expect(columnDifference("ts", plan, bars), `${what} in JavaScript`).toBe("");
  expect(columnDifference("py", plan, bars), `${what} in Python`).toBe("");
}

const period = (min: number, max = 40) => fc.integer({ min, max });
const feed = fc.constantFrom(...FEEDS);
const lag = fc.integer({ min: 0, max: 25 });
/** Few runs: each one runs an exported script in both languages. */
const RUNS = { numRuns: 6 };

describe("exported moving averages and oscillators compute the engine's columns for any params", () => {
  test("DEMA, TEMA, TRIMA, KAMA, HMA, T3 and TRIX, for any period, volume factor and source start", () => {
    const params = fc.record({
      dema: period(2),
      tema: period(2),
      trima: period(2),
      kama: period(2),
      hma: period(2),
      t3: period(2, 35),
      volumeFactor: fc.double({ min: 0, max: 1, noNaN: true }),
      trix: period(1, 30),
    });
    fc.assert(
      fc.property(params, feed, lag, barSets, (p, field, delay, bars) => {
        const b = new PlanBuilder(catalogue);
        const x = source(b, field, delay);
        for (const op of ["dema", "tema", "trima", "kama", "hma", "trix"] as const) {
          b.step(`indicators.${op}`, { period: p[op] }, [x]);
        }
        b.step("indicators.t3", { period: p.t3, volumeFactor: p.volumeFactor }, [x]);
        expectEngineColumns(b.build(), bars, `averages with ${JSON.stringify(p)} from bar ${delay}`);
      }),
      {
        ...RUNS,
        examples: [
          // The smallest periods: TRIX of period 1, HMA of 2 (WMAs of 1), an even and an odd TRIMA.
          [
            { dema: 2, tema: 2, trima: 2, kama: 2, hma: 2, t3: 2, volumeFactor: 0, trix: 1 },
            PlanBuilder.close,
            0,
            daily,
          ],
          [
            { dema: 3, tema: 3, trima: 3, kama: 3, hma: 3, t3: 3, volumeFactor: 1, trix: 2 },
            PlanBuilder.low,
            7,
            intraday,
          ],
        ],
      },
    );
  });

  test("APO and PPO with every moving-average type, whichever period is the longer", () => {
    fc.assert(
      fc.property(period(2), period(2), feed, lag, barSets, (fast, slow, field, delay, bars) => {
        const b = new PlanBuilder(catalogue);
        const x = source(b, field, delay);
        for (const maType of MOVING_AVERAGE_TYPES) {
          b.step("indicators.apo", { fastPeriod: fast, slowPeriod: slow, maType }, [x]);
          b.step("indicators.ppo", { fastPeriod: fast, slowPeriod: slow, maType }, [x]);
        }
        expectEngineColumns(b.build(), bars, `APO and PPO ${fast}/${slow} from bar ${delay}`);
      }),
      // A "fast" period longer than the slow one: both engines swap them.
      { ...RUNS, examples: [[30, 5, PlanBuilder.close, 3, daily]] },
    );
  });

  test("CMO, Stochastic RSI, linear regression, its slope and percent rank, for any periods", () => {
    const params = fc.record({
      cmo: period(2),
      rsi: period(2, 30),
      kPeriod: period(1, 20),
      dPeriod: period(1, 10),
      linearReg: period(2),
      linearRegSlope: period(2),
      percentRank: period(1, 60),
    });
    fc.assert(
      fc.property(params, feed, lag, barSets, (p, field, delay, bars) => {
        const b = new PlanBuilder(catalogue);
        const x = source(b, field, delay);
        b.step("indicators.cmo", { period: p.cmo }, [x]);
        b.step("indicators.stochRsi", { period: p.rsi, kPeriod: p.kPeriod, dPeriod: p.dPeriod }, [x]);
        b.step("indicators.linearReg", { period: p.linearReg }, [x]);
        b.step("indicators.linearRegSlope", { period: p.linearRegSlope }, [x]);
        b.step("math.percentRank", { period: p.percentRank }, [x]);
        expectEngineColumns(b.build(), bars, `oscillators with ${JSON.stringify(p)} from bar ${delay}`);
      }),
      {
        ...RUNS,
        examples: [
          // A %K window of one RSI value is flat, so %K is 0; a %D of one is %K itself.
          [
            { cmo: 2, rsi: 2, kPeriod: 1, dPeriod: 1, linearReg: 2, linearRegSlope: 2, percentRank: 1 },
            PlanBuilder.close,
            0,
            intraday,
          ],
        ],
      },
    );
  });

  test("every op on sources with gaps, flat stretches and zeros", () => {
    const b = new PlanBuilder(catalogue);
    const change = b.step("math.subtract", {}, [PlanBuilder.close, PlanBuilder.open])[0];
    const sources = [
      // All zeros: TRIX and PPO meet a zero base, RSI and CMO a total of no movement.
      b.step("math.subtract", {}, [PlanBuilder.close, PlanBuilder.close])[0],
      // Flat: every window's range is empty.
      b.constant(3),
      // Zero on every down bar, so short averages are 0 now and then.
      b.step("math.max", {}, [change, b.constant(0)])[0],
      // NaN on down bars (the square root of a fall): gaps in the middle of the series.
      b.step("math.sqrt", {}, [change])[0],
    ];
    const byPeriod = ["dema", "tema", "trima", "kama", "hma", "trix", "cmo", "linearReg", "linearRegSlope"];
    for (const x of sources) {
      for (const op of byPeriod) {
        b.step(`indicators.${op}`, { period: 3 }, [x]);
      }
      b.step("indicators.t3", { period: 3 }, [x]);
      b.step("indicators.apo", { fastPeriod: 2, slowPeriod: 4, maType: "sma" }, [x]);
      b.step("indicators.ppo", { fastPeriod: 2, slowPeriod: 4, maType: "sma" }, [x]);
      b.step("indicators.ppo", { fastPeriod: 2, slowPeriod: 4, maType: "kama" }, [x]);
      b.step("indicators.stochRsi", { period: 3, kPeriod: 3, dPeriod: 2 }, [x]);
      b.step("math.percentRank", { period: 5 }, [x]);
    }
    const plan = b.build();
    for (const bars of [daily, intraday]) expectEngineColumns(plan, bars, "ops over hostile sources");
  });

  test("a plan whose ops share functions writes each function once", () => {
    // WMA's function serves HMA and APO on WMA; the RSI loop serves CMO and Stochastic RSI; DEMA serves APO on DEMA.
    const b = new PlanBuilder(catalogue);
    b.step("indicators.wma", { period: 9 }, [PlanBuilder.close]);
    b.step("indicators.hma", { period: 16 }, [PlanBuilder.close]);
    b.step("indicators.dema", { period: 5 }, [PlanBuilder.close]);
    b.step("indicators.apo", { fastPeriod: 5, slowPeriod: 10, maType: "wma" }, [PlanBuilder.close]);
    b.step("indicators.ppo", { fastPeriod: 5, slowPeriod: 10, maType: "dema" }, [PlanBuilder.close]);
    b.step("indicators.rsi", { period: 7 }, [PlanBuilder.close]);
    b.step("indicators.cmo", { period: 7 }, [PlanBuilder.close]);
    b.step("indicators.stochRsi", {}, [PlanBuilder.close]);
    expectEngineColumns(b.build(), intraday, "ops sharing functions");
  });
});
