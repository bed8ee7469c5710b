import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseBarsCsv } from "./csv";
import { resampleBars } from "./resample";

const read = (name: string) => {
  const result = parseBarsCsv(readFileSync(new URL(`../../public/samples/${name}`, import.meta.url), "utf8"));
  if (!result.ok) throw new Error(`${name} did not parse`);
  return result.bars;
};

test("daily bars resampled to weeks equal the published weekly file", () => {
  const weeks = resampleBars(read("2006-day-001.csv"), "1w");
  const published = read("2006-week-001.csv");
  expect(weeks.time.length, "52 weeks in both").toBe(published.time.length);
  for (const field of ["open", "high", "low", "close"] as const) {
    expect(Array.from(weeks[field]), `weekly ${field}`).toEqual(Array.from(published[field]));
  }
  expect(weeks.time[0], "the week of 2006-01-02 starts on that Monday, 00:00 UTC").toBe(Date.UTC(2006, 0, 2));
});

test("five-minute bars resampled to days keep the first open, extremes, last close and summed volume", () => {
  const minutes = read("2006-min-005.csv");
  const days = resampleBars(minutes, "1d");
  // The first day, computed with plain loops over its bars.
  const first = Date.UTC(2006, 0, 2);
  const bars = [...minutes.time.keys()].filter((i) => minutes.time[i] < first + 86_400_000);
  expect(days.time[0]).toBe(first);
  expect(days.open[0]).toBe(minutes.open[bars[0]]);
  expect(days.high[0]).toBe(Math.max(...bars.map((i) => minutes.high[i])));
  expect(days.low[0]).toBe(Math.min(...bars.map((i) => minutes.low[i])));
  expect(days.close[0]).toBe(minutes.close[bars.at(-1)!]);
  expect(days.volume[0]).toBe(bars.reduce((sum, i) => sum + minutes.volume[i], 0));
  const dates = new Set([...minutes.time].map((t) => Math.floor(t / 86_400_000)));
  expect(days.time.length, "one bar per calendar day with data").toBe(dates.size);
});
