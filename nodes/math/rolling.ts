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
