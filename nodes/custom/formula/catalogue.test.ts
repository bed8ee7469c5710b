import { describe, expect, it } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { Expansion } from "@/nodes/core/define";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { formulaFunctions } from "./expand";
import { formula, setFormulaRegistry } from "./formula.node.ts";
import { runExpansion } from "./run-expansion";

function expandOnCatalogue(expression?: string): Expansion {
  setFormulaRegistry(catalogue);
  const params = formula.params.parse(expression === undefined ? {} : { expression });
  const result = formula.expand!(params, { blocks: {}, connected: [] });
  if (!result.ok) throw new Error(result.message);
  return result.expansion;
}

describe("Formula node on the real catalogue", () => {
  it("finds functions by their formula names", () => {
    expect(formulaFunctions(catalogue).get("sma")?.type, "the model node declares formula sma").toBe(
      "indicators.sma",
    );
  });

  it("maps comparisons onto the Compare node when there is no gt, lt, … node", () => {
    const expansion = expandOnCatalogue("close >= open");
    const compare = expansion.nodes.at(-1)!;
    expect([compare.type, compare.params], "the operator becomes Compare's op").toEqual([
      "logic.compare",
      { op: ">=" },
    ]);
  });

  const [sample] = sampleNames();

  it(`computes the default z-score equal to TA-Lib's (close - SMA) / STDDEV on ${sample}`, () => {
    const bars = loadSample(sample);
    const columns = [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
    const value = runExpansion(expandOnCatalogue(), catalogue, columns);
    const { outReal: mean } = talibRun("SMA", { inReal: bars.close }, { optInTimePeriod: 20 });
    const { outReal: spread } = talibRun(
      "STDDEV",
      { inReal: bars.close },
      { optInTimePeriod: 20, optInNbDev: 1 },
    );
    const expected = bars.close.map((c, i) => (c - mean[i]) / spread[i]);
    const { error, at } = maxRelativeError(value, expected);
    expect(error, `relative error ${error} at bar ${at}`).toBeLessThan(1e-9);
  });

  it(`computes a signal formula bar by bar on ${sample}`, () => {
    const bars = loadSample(sample);
    const columns = [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
    const value = runExpansion(
      expandOnCatalogue("close > open and not high - low < 0.5"),
      catalogue,
      columns,
    );
    const expected = bars.close.map((c, i) =>
      c > bars.open[i] && !(bars.high[i] - bars.low[i] < 0.5) ? 1 : 0,
    );
    expect(Array.from(value), "1 on up bars whose range is at least 0.5").toEqual(Array.from(expected));
  });
});
