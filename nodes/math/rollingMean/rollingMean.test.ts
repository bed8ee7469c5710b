import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { col, plain, priceSeries, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { rollingMax } from "../rollingMax/rollingMax.node.ts";
import { rollingMin } from "../rollingMin/rollingMin.node.ts";
import { rollingMean } from "./rollingMean.node.ts";

describe("Rolling Mean", () => {
  it("averages the last `period` values", () => {
    const [out] = runNode(rollingMean, { period: 2 }, [col([2, 4, 9, null, 1, 3])]);
    expect(plain(out), "(2+4)/2, (4+9)/2, NaN in window twice, (1+3)/2").toEqual([
      null,
      3,
      6.5,
      null,
      null,
      2,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib SMA(20) on %s", (name) => {
    const { close } = loadSample(name);
    const [out] = runNode(rollingMean, { period: 20 }, [close]);
    const { error, at } = maxRelativeError(
      out,
      talibRun("SMA", { inReal: close }, { optInTimePeriod: 20 }).outReal,
    );
    expect(error, `relative error ${error} at bar ${at}`).toBe(0);
  });

  it("lies between the rolling min and max on any price series", () => {
    fc.assert(
      fc.property(priceSeries(1, 150), fc.integer({ min: 1, max: 30 }), (prices, period) => {
        const [mean] = runNode(rollingMean, { period }, [prices]);
        const [low] = runNode(rollingMin, { period }, [prices]);
        const [high] = runNode(rollingMax, { period }, [prices]);
        for (let i = 0; i < prices.length; i++) {
          if (
            Number.isNaN(mean[i]) !== Number.isNaN(low[i]) ||
            Number.isNaN(mean[i]) !== Number.isNaN(high[i])
          ) {
            return false;
          }
          // A running sum may round a hair outside when every value in the window is equal.
          const slack = 1e-9 * Math.abs(mean[i]);
          if (low[i] > mean[i] + slack || mean[i] > high[i] + slack) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(rollingMean, (period) => ({ period }));
  });
});
