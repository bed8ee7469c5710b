import { describe, expect, it } from "vitest";
import { expectNoLookAhead, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { resample } from "./resample.node.ts";

const fiveMinute = loadSample("2006-min-005.csv");
const daily = loadSample("2006-day-001.csv");
const weekly = loadSample("2006-week-001.csv");

/** A plain aggregation written independently of the kernel: group consecutive bars by a key. */
function aggregate(
  bars: ReturnType<typeof loadSample>,
  key: (time: number) => string,
): Map<string, { open: number; high: number; low: number; close: number; volume: number }> {
  const groups = new Map<
    string,
    { open: number; high: number; low: number; close: number; volume: number }
  >();
  for (let i = 0; i < bars.time.length; i++) {
    const k = key(bars.time[i]);
    const g = groups.get(k);
    if (!g) {
      groups.set(k, {
        open: bars.open[i],
        high: bars.high[i],
        low: bars.low[i],
        close: bars.close[i],
        volume: 0,
      });
    } else {
      g.high = Math.max(g.high, bars.high[i]);
      g.low = Math.min(g.low, bars.low[i]);
      g.close = bars.close[i];
    }
  }
  return groups;
}

const hourKey = (t: number) => new Date(t).toISOString().slice(0, 13);
const dayKey = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("Higher Timeframe (resample)", () => {
  it("shows each 5-minute bar the previous finished hour, never the forming one", () => {
    const [time, open, high, low, close] = runNode(resample, { timeframe: "1h" }, barColumns(fiveMinute));
    const hours = aggregate(fiveMinute, hourKey);
    const keys = [...hours.keys()];
    let checked = 0;
    for (let i = 0; i < fiveMinute.time.length; i++) {
      const current = keys.indexOf(hourKey(fiveMinute.time[i]));
      if (current === 0) {
        expect(close[i], `bar ${i} is in the first hour: nothing has finished yet`).toBeNaN();
        continue;
      }
      const previous = hours.get(keys[current - 1])!;
      const why = `bar ${i} (${new Date(fiveMinute.time[i]).toISOString()}) sees hour ${keys[current - 1]}`;
      expect([open[i], high[i], low[i], close[i]], why).toEqual([
        previous.open,
        previous.high,
        previous.low,
        previous.close,
      ]);
      expect(time[i], `${why}: time is the start of that hour`).toBe(
        Date.parse(`${keys[current - 1]}:00:00Z`),
      );
      checked++;
    }
    expect(checked, "almost every bar was compared").toBeGreaterThan(2000);
  });

  it("builds daily bars from 5-minute bars that equal the published daily file", () => {
    const [, open, high, low, close] = runNode(resample, { timeframe: "1d" }, barColumns(fiveMinute));
    const days = aggregate(fiveMinute, dayKey);
    // The first bar of each new day shows the day before; compare with the hand aggregation.
    let previousDay = "";
    let checked = 0;
    for (let i = 0; i < fiveMinute.time.length; i++) {
      const day = dayKey(fiveMinute.time[i]);
      if (previousDay && day !== previousDay) {
        const expected = days.get(previousDay)!;
        expect([open[i], high[i], low[i], close[i]], `first bar of ${day} sees ${previousDay}`).toEqual([
          expected.open,
          expected.high,
          expected.low,
          expected.close,
        ]);
        const published = daily.time.indexOf(Date.parse(`${previousDay}T00:00:00Z`));
        expect(close[i], `${previousDay} closes like the daily file`).toBe(daily.close[published]);
        checked++;
      }
      previousDay = day;
    }
    expect(checked, "20 day changes in 21 trading days").toBe(20);
  });

  it("aligns weeks to Monday: daily 2006 bars resample to the published weekly bars", () => {
    const [time, open, high, low, close] = runNode(resample, { timeframe: "1w" }, barColumns(daily));
    const last = daily.time.length - 1;
    let checked = 0;
    // The weekly file stamps each week with its last trading day; the bar after it sees that week.
    for (let w = 0; w < weekly.time.length - 1; w++) {
      const after = daily.time.findIndex((t) => t > weekly.time[w]);
      if (after < 0 || after > last) continue;
      const why = `week ending ${new Date(weekly.time[w]).toISOString().slice(0, 10)}`;
      expect([open[after], high[after], low[after], close[after]], why).toEqual([
        weekly.open[w],
        weekly.high[w],
        weekly.low[w],
        weekly.close[w],
      ]);
      expect(new Date(time[after]).getUTCDay(), `${why} starts on a Monday`).toBe(1);
      checked++;
    }
    expect(checked, "every week of 2006 but the last was compared").toBe(weekly.time.length - 1);
  });

  it("ignores bars before start and sums volume", () => {
    const bars = barColumns(loadSample("orcl-1995-2014.csv"));
    const [, , , , , volume] = runNode(resample, { timeframe: "1w" }, bars);
    const firstMonday = bars[0].findIndex(
      (t, i) => i > 0 && new Date(t).getUTCDay() < new Date(bars[0][i - 1]).getUTCDay(),
    );
    let sum = 0;
    for (let i = 0; i < firstMonday; i++) sum += bars[5][i];
    expect(volume[firstMonday], "the first week's volume is the sum of its days").toBe(sum);
    const late = runNode(resample, { timeframe: "1w" }, bars, { start: 3 });
    expect(plain(late[4]).slice(0, 3), "bars before start are not part of any week").toEqual([
      null,
      null,
      null,
    ]);
  });

  it.each(["5m", "15m", "1h", "4h", "1d", "1w"])(
    "never looks ahead and streams like a batch run (%s)",
    (timeframe) => {
      expectStreamingEqualsBatch(resample, { timeframe }, barColumns(fiveMinute), 5);
      expectNoLookAhead(resample, { timeframe }, barColumns(fiveMinute));
    },
  );
});
