import type { KernelInstance } from "@/nodes/core/define";
import { isFiniteNumber } from "./ports";

/**
 * The highest (or lowest) value of a sliding window by a monotonic deque of bar indices:
 * amortised O(1) per bar. It keeps indices, not values, so it reads the caller's current column
 * each time and never holds a column reference between calls. On equal values the most recent
 * bar wins. NaN values are never admitted; callers count them as gaps themselves.
 */
export class WindowExtreme {
  readonly #ring: Int32Array;
  #head = 0;
  #size = 0;

  constructor(
    readonly period: number,
    readonly highest: boolean,
  ) {
    this.#ring = new Int32Array(period + 1);
  }

  /** Adds bar `i` (skipped when NaN), drops bars older than `i - period + 1`; returns the extreme's index or -1. */
  push(values: Float64Array, i: number): number {
    const ring = this.#ring;
    const capacity = ring.length;
    let head = this.#head;
    let size = this.#size;
    const v = values[i];
    if (!Number.isNaN(v)) {
      let back = head + size - 1;
      if (back >= capacity) back -= capacity;
      if (this.highest) {
        while (size > 0 && values[ring[back]] <= v) {
          size--;
          back = back === 0 ? capacity - 1 : back - 1;
        }
      } else {
        while (size > 0 && values[ring[back]] >= v) {
          size--;
          back = back === 0 ? capacity - 1 : back - 1;
        }
      }
      let tail = head + size;
      if (tail >= capacity) tail -= capacity;
      ring[tail] = i;
      size++;
    }
    const oldest = i - this.period;
    while (size > 0 && ring[head] <= oldest) {
      head = head + 1 === capacity ? 0 : head + 1;
      size--;
    }
    this.#head = head;
    this.#size = size;
    return size > 0 ? ring[head] : -1;
  }
}

/**
 * The highest (or lowest) of the last `period` values, this bar included: the kernel of Rolling
 * Highest and Rolling Lowest. While the window holds an empty value (NaN) the result is empty too.
 */
export function rollingExtreme(period: number, start: number, highest: boolean): KernelInstance {
  const window = new WindowExtreme(period, highest);
  let gaps = 0;
  return {
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) {
        if (i < start) {
          out[i] = Number.NaN;
          continue;
        }
        if (!isFiniteNumber(x[i])) gaps++;
        if (i - start >= period && !isFiniteNumber(x[i - period])) gaps--;
        const at = window.push(x, i);
        out[i] = i - start >= period - 1 && gaps === 0 ? x[at] : Number.NaN;
      }
    },
  };
}

/**
 * The kernel of Rolling Standard Deviation and Z-score: running sums of x and x² over the last
 * `period` values, variance = mean(x²) − mean(x)², the old value leaving before the new one enters —
 * TA-Lib's STDDEV formula and order of operations, so results agree to the last bit. `output`
 * picks the population standard deviation or (x − mean) ÷ that deviation (empty where it is 0).
 */
export function rollingSpread(period: number, start: number, output: "stdev" | "zScore"): KernelInstance {
  const state = { sum: 0, sumOfSquares: 0, gaps: 0 };
  const zScore = output === "zScore";
  return {
    run([x], [out], from, to) {
      // Hot state lives in locals for the loop; captured variables would be re-read every bar.
      let sum = state.sum;
      let sumOfSquares = state.sumOfSquares;
      let gaps = state.gaps;
      for (let i = from; i < to; i++) {
        if (i < start) {
          out[i] = Number.NaN;
          continue;
        }
        if (i - start >= period) {
          const old = x[i - period];
          if (isFiniteNumber(old)) {
            sum -= old;
            sumOfSquares -= old * old;
          } else gaps--;
        }
        const v = x[i];
        if (isFiniteNumber(v)) {
          sum += v;
          sumOfSquares += v * v;
        } else gaps++;
        if (i - start < period - 1 || gaps > 0) {
          out[i] = Number.NaN;
          continue;
        }
        const mean = sum / period;
        const variance = sumOfSquares / period - mean * mean;
        // Rounding can push a zero variance slightly below zero.
        if (zScore) out[i] = variance > 0 ? (v - mean) / Math.sqrt(variance) : Number.NaN;
        else out[i] = variance > 0 ? Math.sqrt(variance) : 0;
      }
      state.sum = sum;
      state.sumOfSquares = sumOfSquares;
      state.gaps = gaps;
    },
  };
}

/**
 * The kernel of Rolling Sum and Rolling Mean: a running sum like TA-Lib's SUM, divided by
 * `divisor` (1 for the sum, the period for the mean). Gaps are counted rather than summed, so one
 * NaN empties only the windows that hold it instead of poisoning the sum for the rest of the run.
 */
export function rollingTotal(period: number, start: number, divisor: number): KernelInstance {
  const state = { sum: 0, gaps: 0 };
  return {
    run([x], [out], from, to) {
      let sum = state.sum;
      let gaps = state.gaps;
      for (let i = from; i < to; i++) {
        if (i < start) {
          out[i] = Number.NaN;
          continue;
        }
        if (i - start >= period) {
          const old = x[i - period];
          if (isFiniteNumber(old)) sum -= old;
          else gaps--;
        }
        const v = x[i];
        if (isFiniteNumber(v)) sum += v;
        else gaps++;
        out[i] = i - start >= period - 1 && gaps === 0 ? sum / divisor : Number.NaN;
      }
      state.sum = sum;
      state.gaps = gaps;
    },
  };
}
