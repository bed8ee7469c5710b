import { type BarColumns, emptyBars } from "./bars";

/**
 * A small, fast, seeded PRNG (mulberry32, public domain, Tommy Ettinger): the same seed always
 * gives the same sequence on every engine, so synthetic data is reproducible in tests and benches.
 * Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** Time of the first bar, epoch ms UTC. */
  startTime?: number;
  /** Bar length in ms; bars are evenly spaced (no sessions or weekends). */
  intervalMs?: number;
  startPrice?: number;
  /** Annual drift and volatility of the log price (0.05 = 5 %). */
  drift?: number;
  volatility?: number;
}

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Geometric Brownian motion bars: each close is the previous close times
 * exp((drift − volatility²/2)·dt + volatility·√dt·Z), Z standard normal (Box–Muller), dt the bar
 * length in years. The open is the previous close; high and low reach beyond both by a random
 * fraction of the bar's volatility; volume is log-normal. Prices are rounded to cents, so fills
 * computed on them stay on a 0.01 tick.
 */
export function syntheticBars(options: SyntheticOptions): BarColumns {
  const {
    count,
    seed = 1,
    startTime = Date.UTC(2020, 0, 1),
    intervalMs = 60_000,
    startPrice = 100,
    drift = 0.05,
    volatility = 0.2,
  } = options;
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const dt = intervalMs / YEAR_MS;
  const step = volatility * Math.sqrt(dt);
  const mean = (drift - (volatility * volatility) / 2) * dt;
  const cents = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);
  const bars = emptyBars(count);
  let price = startPrice;
  for (let i = 0; i < count; i++) {
    const open = cents(price);
    price *= Math.exp(mean + step * normal());
    const close = cents(price);
    const high = cents(Math.max(open, close) * (1 + Math.abs(normal()) * step * 0.5));
    const low = cents(Math.min(open, close) * (1 - Math.abs(normal()) * step * 0.5));
    bars.time[i] = startTime + i * intervalMs;
    bars.open[i] = open;
    bars.high[i] = Math.max(high, open, close);
    bars.low[i] = Math.min(low, open, close);
    bars.close[i] = close;
    bars.volume[i] = Math.round(1000 * Math.exp(normal() * 0.5));
  }
  return bars;
}
