/**
 * Highest high and lowest low of a trailing window, found the way TA-Lib finds them: keep the
 * index of each extreme and rescan only when it falls out of the window. On ties the latest bar
 * wins, which is what Aroon's "bars since" needs; the values are the same for any tie rule.
 * It reads history from the input columns, so it works bar by bar as well as in one pass.
 */
export class TrailingExtremes {
  highestAt = -1;
  highest = 0;
  lowestAt = -1;
  lowest = 0;

  /** Moves the window to [first, today]. */
  update(high: Float64Array, low: Float64Array, first: number, today: number): void {
    if (this.lowestAt < first) {
      let at = first;
      let lowest = low[first];
      for (let i = first + 1; i <= today; i++) {
        if (low[i] <= lowest) {
          at = i;
          lowest = low[i];
        }
      }
      this.lowestAt = at;
      this.lowest = lowest;
    } else if (low[today] <= this.lowest) {
      this.lowestAt = today;
      this.lowest = low[today];
    }
    if (this.highestAt < first) {
      let at = first;
      let highest = high[first];
      for (let i = first + 1; i <= today; i++) {
        if (high[i] >= highest) {
          at = i;
          highest = high[i];
        }
      }
      this.highestAt = at;
      this.highest = highest;
    } else if (high[today] >= this.highest) {
      this.highestAt = today;
      this.highest = high[today];
    }
  }
}

/**
 * A simple moving average fed one value at a time, summing in TA-Lib's order (add the newest,
 * divide, then drop the oldest) so it agrees with TA-Lib's SMA to the last bit.
 */
export class RollingMean {
  private readonly window: Float64Array;
  private slot = 0;
  private count = 0;
  private sum = 0;

  constructor(private readonly period: number) {
    this.window = new Float64Array(period);
  }

  /** Adds a value; returns the mean of the last `period` values, or NaN until there are that many. */
  push(value: number): number {
    const period = this.period;
    this.sum += value;
    this.window[this.slot] = value;
    this.slot = this.slot + 1 === period ? 0 : this.slot + 1;
    if (this.count < period) this.count++;
    if (this.count < period) return Number.NaN;
    const mean = this.sum / period;
    // The slot after the newest holds the oldest value, the one that leaves the window next.
    this.sum -= this.window[this.slot];
    return mean;
  }
}

/** Where the close sits in the window's range, 0 to 100; 0 on a flat window, as in TA-Lib. */
export function percentK(close: number, highest: number, lowest: number): number {
  const onePercent = (highest - lowest) / 100;
  return onePercent !== 0 ? (close - lowest) / onePercent : 0;
}
