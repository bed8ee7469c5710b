import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import {
  expectCloseTo,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
  leadingNaNs,
} from "../ema/kernel-laws";
import { macd } from "./macd.node.ts";

const cases = [
  { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
  { fastPeriod: 5, slowPeriod: 35, signalPeriod: 5 },
];

describe("MACD", () => {
  it("starts all three outputs after slow − 1 + signal − 1 bars, like TA-Lib", () => {
    const { close } = loadSample("yhoo-1996-2014.csv");
    const outputs = runNode(macd, {}, [close]);
    expect(outputs.map(leadingNaNs), "macd, signal and histogram share TA-Lib's lookback of 33").toEqual([
      33, 33, 33,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib MACD with default and non-default periods on %s", (name) => {
    const { close } = loadSample(name);
    for (const params of cases) {
      const [line, signal, histogram] = runNode(macd, params, [close]);
      const expected = talibRun(
        "MACD",
        { inReal: close },
        {
          optInFastPeriod: params.fastPeriod,
          optInSlowPeriod: params.slowPeriod,
          optInSignalPeriod: params.signalPeriod,
        },
      );
      const label = `MACD(${params.fastPeriod}, ${params.slowPeriod}, ${params.signalPeriod}) on ${name}`;
      expectCloseTo(line, expected.outMACD, `${label}: macd line`);
      expectCloseTo(signal, expected.outMACDSignal, `${label}: signal`);
      expectCloseTo(histogram, expected.outMACDHist, `${label}: histogram`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const params of cases) {
      expectStreamingEqualsBatch(macd, params, [close]);
      expectStartShiftsOutputs(macd, params, [close]);
    }
  });
});
