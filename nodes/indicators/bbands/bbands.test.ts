import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { MOVING_AVERAGE_TYPES, type MovingAverageType, talibMaType } from "../apo/moving-average-type";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { bbands } from "./bbands.node.ts";

interface Case {
  period: number;
  deviationsUp: number;
  deviationsDown: number;
  maType: MovingAverageType;
}

function expectTalibBands(close: Float64Array, params: Case, label: string): void {
  const [upper, middle, lower] = runNode(bbands, { ...params }, [close]);
  const expected = talibRun(
    "BBANDS",
    { inReal: close },
    {
      optInTimePeriod: params.period,
      optInNbDevUp: params.deviationsUp,
      optInNbDevDn: params.deviationsDown,
      optInMAType: talibMaType[params.maType],
    },
  );
  expectCloseTo(upper, expected.outRealUpperBand, `${label}: upper`);
  expectCloseTo(middle, expected.outRealMiddleBand, `${label}: middle`);
  expectCloseTo(lower, expected.outRealLowerBand, `${label}: lower`);
}

describe("Bollinger Bands", () => {
  it("defaults to Bollinger's 20 bars and 2 deviations", () => {
    expect(bbands.params.parse({}), "the canvas default").toEqual({
      period: 20,
      deviationsUp: 2,
      deviationsDown: 2,
      maType: "sma",
    });
  });

  it("puts the bands the population deviation away from the SMA", () => {
    const [upper, middle, lower] = runNode(bbands, { period: 4, deviationsUp: 2, deviationsDown: 1 }, [
      Float64Array.from([5, 5, 7, 9]),
    ]);
    // mean 6.5, population variance 2.75
    expect(middle[3], "middle is the SMA").toBeCloseTo(6.5, 12);
    expect(upper[3], "upper is 2 deviations above").toBeCloseTo(6.5 + 2 * Math.sqrt(2.75), 12);
    expect(lower[3], "lower is 1 deviation below").toBeCloseTo(6.5 - Math.sqrt(2.75), 12);
  });

  it.each(sampleNames())("equals TA-Lib BBANDS with default and non-default params on %s", (name) => {
    const { close } = loadSample(name);
    expectTalibBands(
      close,
      { period: 20, deviationsUp: 2, deviationsDown: 2, maType: "sma" },
      `default on ${name}`,
    );
    expectTalibBands(
      close,
      { period: 5, deviationsUp: 1.5, deviationsDown: 2.5, maType: "ema" },
      `(5, 1.5, 2.5, EMA)`,
    );
  });

  it.each(MOVING_AVERAGE_TYPES)("equals TA-Lib BBANDS around a %s", (maType) => {
    const { close } = loadSample("nvda-1999-2014.csv");
    expectTalibBands(
      close,
      { period: 10, deviationsUp: 2, deviationsDown: 1, maType },
      `BBANDS(10) ${maType}`,
    );
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const params of [{}, { period: 5, deviationsUp: 1.5, maType: "tema" }]) {
      expectStreamingEqualsBatch(bbands, params, [close]);
      expectStartShiftsOutputs(bbands, params, [close]);
    }
  });
});
