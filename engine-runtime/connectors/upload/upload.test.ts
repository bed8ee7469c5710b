import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createUploadConnector } from "./connector";

const sample = (name: string) =>
  readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url), "utf8");

describe("Upload connector", () => {
  it("keeps an uploaded CSV and serves ranges of it as history", async () => {
    const uploads = createUploadConnector();
    const result = uploads.upload("DAX", "1d", sample("2006-day-001.csv"), "2006-day-001.csv");
    expect(result.ok && result.bars.time.length, "255 sessions of 2006 in the sample").toBe(255);
    const week = await uploads.history("DAX", "1d", Date.UTC(2006, 0, 2), Date.UTC(2006, 0, 9));
    expect(Array.from(week.close), "closes of 2–6 January 2006 as the file lists them").toEqual([
      3604.33, 3614.34, 3652.46, 3650.24, 3666.99,
    ]);
    expect(uploads.datasets()).toEqual([{ symbol: "DAX", timeframe: "1d", bars: 255 }]);
  });

  it("reports the CSV parser's problems with the file's line numbers", () => {
    const result = createUploadConnector().upload(
      "X",
      "1d",
      "Date,Open,High,Low,Close\n2024-01-02,10,9,8,9\n",
      "prices.csv",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      "Line 2 of prices.csv: Open 10 is outside the bar's range [8, 9].",
    );
  });

  it("refuses a file whose bars are closer together than the chosen timeframe", () => {
    const result = createUploadConnector().upload(
      "DAX",
      "1h",
      sample("2006-min-005.csv"),
      "2006-min-005.csv",
    );
    expect(!result.ok && result.message).toBe(
      "2006-min-005.csv has bars 5 minutes apart (at 2006-01-02T09:10:00.000Z), shorter than the 1h timeframe chosen for it; pick the file's real timeframe.",
    );
  });

  it("names what was uploaded when asked for something else", async () => {
    const uploads = createUploadConnector();
    uploads.upload("DAX", "1d", sample("2006-day-001.csv"));
    await expect(uploads.history("SPY", "1d", 0, 1)).rejects.toThrow(
      "No uploaded file holds SPY 1d bars; uploaded: DAX 1d.",
    );
  });
});
