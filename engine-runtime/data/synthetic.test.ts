import { expect, test } from "vitest";
import { mulberry32, syntheticBars } from "./synthetic";

test("the same seed gives the same bars; another seed gives others", () => {
  const a = syntheticBars({ count: 1000, seed: 7 });
  const b = syntheticBars({ count: 1000, seed: 7 });
  const c = syntheticBars({ count: 1000, seed: 8 });
  expect(Array.from(a.close)).toEqual(Array.from(b.close));
  expect(Array.from(a.close)).not.toEqual(Array.from(c.close));
});

test("mulberry32 is uniform on [0, 1)", () => {
  const random = mulberry32(42);
  const counts = new Array(10).fill(0);
  let outside = 0;
  for (let k = 0; k < 100_000; k++) {
    const x = random();
    if (!(x >= 0 && x < 1)) outside++;
    counts[Math.floor(x * 10)]++;
  }
  expect(outside).toBe(0);
  // Each decile expects 10000 ± 95 (binomial sd); 5 sd is a generous bound that a biased generator fails.
  for (const count of counts) expect(Math.abs(count - 10_000), "decile count").toBeLessThan(500);
});

test("bars are valid OHLC on a cent tick, evenly spaced", () => {
  const bars = syntheticBars({ count: 10_000, seed: 3, intervalMs: 60_000 });
  for (let i = 0; i < 10_000; i++) {
    const { open, high, low, close } = {
      open: bars.open[i],
      high: bars.high[i],
      low: bars.low[i],
      close: bars.close[i],
    };
    if (!(low <= Math.min(open, close) && high >= Math.max(open, close) && low > 0))
      throw new Error(`bar ${i}`);
    expect(Math.abs(close * 100 - Math.round(close * 100)) < 1e-6, "cent tick").toBe(true);
  }
  expect(bars.time[1] - bars.time[0]).toBe(60_000);
});

test("log returns have the requested volatility", () => {
  // Daily bars with 40 % annual volatility: per-bar sd = 0.4 × √(1 / 365.25) ≈ 0.02093.
  const bars = syntheticBars({
    count: 50_000,
    seed: 11,
    intervalMs: 86_400_000,
    volatility: 0.4,
    startPrice: 1000,
  });
  let sum = 0;
  let squares = 0;
  for (let i = 1; i < bars.close.length; i++) {
    const r = Math.log(bars.close[i] / bars.close[i - 1]);
    sum += r;
    squares += r * r;
  }
  const n = bars.close.length - 1;
  const sd = Math.sqrt(squares / n - (sum / n) ** 2);
  expect(sd, "within 2 % of 0.02093 (cent rounding adds a little)").toBeCloseTo(
    0.4 * Math.sqrt(1 / 365.25),
    3,
  );
});
