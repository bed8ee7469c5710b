/**
 * The benchmark contract. Each `bench/<name>.bench.ts` default-exports a Benchmark; `npm run bench`
 * runs those whose name matches the filter and prints one table.
 *
 * A row measures one case of ours; `peers` are the same case measured in the same run on other
 * implementations (TA-Lib, tulind, ...), so the table shows ratios taken on one machine at one time.
 */
export interface Measurement {
  /** Who was measured: "strata", "talib", "tulind", ... */
  subject: string;
  value: number;
}

export interface BenchRow {
  /** What was measured, e.g. "SMA(30) over 1M bars". */
  case: string;
  unit: string;
  /** Whether a bigger value is better (throughput) or worse (latency). */
  higherIsBetter: boolean;
  ours: Measurement;
  peers?: Measurement[];
  /** The target from the issue, e.g. "≥ 30M bars/s"; shown next to the value. */
  target?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

/**
 * Times `fn` and returns the median seconds of `repeats` runs after `warmups` unrecorded runs.
 * A median over repeats keeps one slow run on a noisy 2-core machine from deciding the figure.
 */
export function medianSeconds(fn: () => void, repeats = 7, warmups = 2): number {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** p-th percentile (0..100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
