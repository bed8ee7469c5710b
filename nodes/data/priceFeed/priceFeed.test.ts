import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { priceFeed } from "./priceFeed.node.ts";

const feed = [
  col([1, 2, 3]), // time
  col([10, 20, 30]), // open
  col([14, 24, 34]), // high
  col([8, 18, 28]), // low
  col([12, 22, 32]), // close
  col([100, 200, 300]), // volume
];

describe("Price Feed", () => {
  it("declares no graph inputs: the executor hands it the feed columns", () => {
    expect(priceFeed.inputs, "the feed is wired by the executor, not by an edge").toEqual([]);
    expect(priceFeed.params.parse({}), "empty symbol and timeframe mean the run's own").toEqual({
      symbol: "",
      timeframe: "",
      field: "close",
    });
  });

  it("copies the six bar columns and gives the close as value by default", () => {
    const out = runNode(priceFeed, {}, feed);
    expect(out.slice(0, 6).map(plain), "bars output is the feed unchanged").toEqual(feed.map(plain));
    expect(plain(out[6]), "value is the close by default").toEqual([12, 22, 32]);
  });

  it.each([
    ["open", [10, 20, 30]],
    ["volume", [100, 200, 300]],
    ["hl2", [11, 21, 31]],
    ["hlc3", [(14 + 8 + 12) / 3, (24 + 18 + 22) / 3, (34 + 28 + 32) / 3]],
    ["ohlc4", [11, 21, 31]],
  ])("gives the %s field as value", (field, expected) => {
    const out = runNode(priceFeed, { field }, feed);
    expect(plain(out[6]), `value is the bar's ${field}`).toEqual(expected);
  });

  it("streams exactly like a batch run on real bars", () => {
    expectStreamingEqualsBatch(priceFeed, { field: "hlc3" }, barColumns(loadSample("orcl-1995-2014.csv")));
    expectStreamingEqualsBatch(priceFeed, {}, barColumns(loadSample("2006-min-005.csv")), 7);
  });
});
