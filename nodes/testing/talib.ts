import { createRequire } from "node:module";

/**
 * Test oracle: TA-Lib (the `talib` package, C, built from source). Returns outputs aligned to the
 * input: NaN for the first `begIndex` bars, like our kernels' warm-up.
 */
const talib = createRequire(import.meta.url)("talib") as {
  execute(request: Record<string, unknown>): {
    error?: string;
    begIndex: number;
    nbElement: number;
    result: Record<string, number[]>;
  };
};

export function talibRun(
  name: string,
  inputs: Record<string, ArrayLike<number>>,
  options: Record<string, number> = {},
): Record<string, Float64Array> {
  const length = Object.values(inputs)[0].length;
  const request: Record<string, unknown> = { name, startIdx: 0, endIdx: length - 1, ...options };
  for (const [key, values] of Object.entries(inputs)) request[key] = Array.from(values);
  const response = talib.execute(request);
  if (response.error) throw new Error(`TA-Lib ${name}: ${response.error}`);
  const aligned: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(response.result)) {
    const out = new Float64Array(length).fill(Number.NaN);
    out.set(values, response.begIndex);
    aligned[key] = out;
  }
  return aligned;
}

/** Largest relative error between two aligned series; NaN must match NaN exactly. */
export function maxRelativeError(
  actual: Float64Array,
  expected: Float64Array,
): { error: number; at: number } {
  let worst = { error: 0, at: -1 };
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) return { error: Number.POSITIVE_INFINITY, at: i };
      continue;
    }
    const error = Math.abs(a - e) / Math.max(Math.abs(e), 1e-12);
    if (error > worst.error) worst = { error, at: i };
  }
  return worst;
}
