import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBarsCsv } from "@/engine-runtime/data/csv";
import { TIMEFRAMES } from "@/nodes/data/timeframes";
import { parseDatasetId, uploadDatasetId, venueDatasetId } from "./ids";
import { inferTimeframe } from "./uploads";

describe("dataset ids", () => {
  it("read back what they were made from, whatever the symbol holds", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,10}$/),
        fc.stringMatching(/^[A-Za-z0-9.:/=^-]{1,20}$/),
        fc.constantFrom(...TIMEFRAMES),
        (venue, symbol, timeframe) => {
          expect(parseDatasetId(venueDatasetId(venue, symbol, timeframe))).toEqual({
            kind: "venue",
            venue,
            symbol,
            timeframe,
          });
        },
      ),
    );
    expect(parseDatasetId(uploadDatasetId("abc-123"))).toEqual({ kind: "upload", rowId: "abc-123" });
    expect(parseDatasetId("sample:2006-day-001")).toEqual({ kind: "sample", id: "sample:2006-day-001" });
  });

  it("refuse ids that are none of ours", () => {
    for (const id of [
      "",
      "upload:",
      "upload:a b",
      "venue:binance:BTCUSDT",
      "venue:binance:BTCUSDT:2m",
      "venue::X:1h",
      "file:x",
    ]) {
      expect(parseDatasetId(id), id).toBeNull();
    }
  });
});

describe("timeframe of an uploaded file", () => {
  it.each([
    ["2006-day-001.csv", "1d"],
    ["2006-week-001.csv", "1w"],
    ["2006-min-005.csv", "5m"],
    ["orcl-1995-2014.csv", "1d"],
  ])("reads %s as %s bars despite weekends and holidays", (file, timeframe) => {
    const parsed = parseBarsCsv(readFileSync(`public/samples/${file}`, "utf8"));
    if (!parsed.ok) throw new Error(`${file} did not parse`);
    expect(inferTimeframe(parsed.bars)).toBe(timeframe);
  });
});
