import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { barField } from "./barField.node.ts";

const bars = [col([1, 2]), col([10, 20]), col([14, 24]), col([8, 18]), col([12, 22]), col([5, 6])];

describe("Bar Field", () => {
  it.each([
    ["close", [12, 22]],
    ["high", [14, 24]],
    ["low", [8, 18]],
    ["volume", [5, 6]],
    ["hl2", [11, 21]],
    ["hlc3", [34 / 3, 64 / 3]],
    ["ohlc4", [11, 21]],
  ])("picks %s", (field, expected) => {
    expect(plain(runNode(barField, { field }, bars)[0]), `the ${field} of each bar`).toEqual(expected);
  });

  it("writes NaN before the bars are valid", () => {
    expect(plain(runNode(barField, {}, bars, { start: 1 })[0]), "bar 0 is before start").toEqual([null, 22]);
  });

  it("streams exactly like a batch run on real bars", () => {
    expectStreamingEqualsBatch(barField, { field: "ohlc4" }, barColumns(loadSample("nvda-1999-2014.csv")), 3);
  });
});
