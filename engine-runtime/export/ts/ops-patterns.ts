import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import { FIBONACCI_RATIOS } from "@/nodes/patterns/fibonacciRetracement/fibonacciRetracement.node.ts";
import type { OpWriter } from "../shared/ops";

/**
 * Where a timeframe's buckets start counting, in epoch ms: intraday lengths and days from the
 * epoch, weeks from the first Monday (1970-01-01 was a Thursday), as in nodes/data/timeframes.ts.
 */
export function bucketOffset(timeframe: Timeframe): number {
  return timeframe === "1w" ? 4 * TIMEFRAME_MS["1d"] : 0;
}

/**
 * The JavaScript of the higher-timeframe resample and the pattern ops: batch versions of the
 * kernels in nodes/data/resample and nodes/patterns, with the same operations in the same order.
 */
export const JS_PATTERN_OPS: Record<string, OpWriter> = {
  "data.resample": {
    name: "higherTimeframe",
    helpers: ["column"],
    code: `/**
 * Bars of a longer timeframe: every bar sees the last FINISHED bucket, never the one still
 * forming (no look-ahead). A bucket is \`length\` ms counted from \`offset\` (UTC) and finishes when
 * a bar of a later bucket arrives; its time is the bucket's start. Empty until one has finished.
 */
function higherTimeframe(bars, length, offset, start) {
  const { time, open, high, low, close, volume } = bars;
  const n = close.length;
  const out = { time: column(n), open: column(n), high: column(n), low: column(n), close: column(n), volume: column(n) };
  let [bucket, o, h, l, c, v] = [NaN, NaN, NaN, NaN, NaN, NaN];
  let [doneTime, doneOpen, doneHigh, doneLow, doneClose, doneVolume] = [NaN, NaN, NaN, NaN, NaN, NaN];
  for (let i = start; i < n; i++) {
    const at = Math.floor((time[i] - offset) / length) * length + offset;
    if (at === bucket) {
      if (high[i] > h) h = high[i];
      if (low[i] < l) l = low[i];
      c = close[i];
      v += volume[i];
    } else {
      if (!Number.isNaN(bucket)) [doneTime, doneOpen, doneHigh, doneLow, doneClose, doneVolume] = [bucket, o, h, l, c, v];
      [bucket, o, h, l, c, v] = [at, open[i], high[i], low[i], close[i], volume[i]];
    }
    out.time[i] = doneTime;
    out.open[i] = doneOpen;
    out.high[i] = doneHigh;
    out.low[i] = doneLow;
    out.close[i] = doneClose;
    out.volume[i] = doneVolume;
  }
  return out;
}`,
    call: ([bars], step) => {
      const timeframe = step.params.timeframe as Timeframe;
      return `higherTimeframe(${bars}, ${TIMEFRAME_MS[timeframe]}, ${bucketOffset(timeframe)}, ${step.step.start})`;
    },
  },
  "patterns.fibonacciRetracement": {
    name: "fibonacciLevels",
    helpers: ["column"],
    code: `/**
 * The highest high and lowest low of the last \`window\` bars and the retracement levels between
 * them, measured from the later extreme (ties count as an up-swing); empty while the window holds
 * a gap. Each extreme is kept by a queue of bar indices whose values only fall (or rise) from
 * front to back, so the newest of equal values wins, as in the kernel.
 */
function fibonacciLevels(bars, window, ratios, start) {
  const { high, low } = bars;
  const n = high.length;
  const outs = [column(n), column(n)].concat(ratios.map(() => column(n)));
  const finite = (x) => x - x === 0;
  const highs = [];
  const lows = [];
  let [highsHead, lowsHead, gaps] = [0, 0, 0];
  for (let i = start; i < n; i++) {
    if (!finite(high[i]) || !finite(low[i])) gaps++;
    const old = i - window;
    if (old >= start && (!finite(high[old]) || !finite(low[old]))) gaps--;
    if (!Number.isNaN(high[i])) {
      while (highs.length > highsHead && high[highs[highs.length - 1]] <= high[i]) highs.pop();
      highs.push(i);
    }
    if (!Number.isNaN(low[i])) {
      while (lows.length > lowsHead && low[lows[lows.length - 1]] >= low[i]) lows.pop();
      lows.push(i);
    }
    while (highs.length > highsHead && highs[highsHead] <= old) highsHead++;
    while (lows.length > lowsHead && lows[lowsHead] <= old) lowsHead++;
    if (i - start < window - 1 || gaps !== 0) continue;
    const [hi, lo] = [highs[highsHead], lows[lowsHead]];
    const [h, l] = [high[hi], low[lo]];
    const range = hi >= lo ? l - h : h - l;
    const base = hi >= lo ? h : l;
    outs[0][i] = h;
    outs[1][i] = l;
    for (let r = 0; r < ratios.length; r++) outs[r + 2][i] = base + ratios[r] * range;
  }
  return outs;
}`,
    call: ([bars], step) =>
      `fibonacciLevels(${bars}, ${step.params.window}, [${FIBONACCI_RATIOS.join(", ")}], ${step.step.start})`,
  },
  "patterns.markovRegime": {
    name: "markovRegime",
    helpers: ["column"],
    code: `/**
 * Return buckets of the last \`window\` close-to-close returns (cut j at sorted position
 * floor(j * window / states)), their transition counts, the current and most likely next state
 * and its Laplace-smoothed probability. The window is a ring in arrival order plus a sorted copy.
 */
function markovRegime(source, states, window, start) {
  const n = source.length;
  const [stateOut, nextOut, probabilityOut] = [column(n), column(n), column(n)];
  const ring = new Float64Array(window);
  const sorted = new Float64Array(window);
  const cuts = new Float64Array(states - 1);
  const counts = new Float64Array(states * states);
  const finite = (x) => x - x === 0;
  const lowerBound = (count, value) => {
    let [lowest, highest] = [0, count];
    while (lowest < highest) {
      const middle = (lowest + highest) >>> 1;
      if (sorted[middle] < value) lowest = middle + 1;
      else highest = middle;
    }
    return lowest;
  };
  const bucket = (r) => {
    let s = 0;
    while (s < states - 1 && r >= cuts[s]) s++;
    return s;
  };
  let [sortedCount, seen, gaps] = [0, 0, 0];
  for (let i = start + 1; i < n; i++) {
    const before = source[i - 1];
    const r = before > 0 ? source[i] / before - 1 : NaN;
    const slot = seen % window;
    if (seen >= window) {
      const old = ring[slot];
      if (finite(old)) {
        const at = lowerBound(sortedCount, old);
        sorted.copyWithin(at, at + 1, sortedCount);
        sortedCount--;
      } else gaps--;
    }
    ring[slot] = r;
    if (finite(r)) {
      const at = lowerBound(sortedCount, r);
      sorted.copyWithin(at + 1, at, sortedCount);
      sorted[at] = r;
      sortedCount++;
    } else gaps++;
    seen++;
    if (seen < window || gaps > 0) continue;
    for (let j = 1; j < states; j++) cuts[j - 1] = sorted[Math.floor((j * window) / states)];
    counts.fill(0);
    let previous = bucket(ring[seen % window]);
    for (let m = 1; m < window; m++) {
      const current = bucket(ring[(seen + m) % window]);
      counts[previous * states + current]++;
      previous = current;
    }
    let [best, rowTotal] = [0, 0];
    for (let j = 0; j < states; j++) {
      const count = counts[previous * states + j];
      rowTotal += count;
      if (count > counts[previous * states + best]) best = j;
    }
    stateOut[i] = previous;
    nextOut[i] = best;
    probabilityOut[i] = (counts[previous * states + best] + 1) / (rowTotal + states);
  }
  return [stateOut, nextOut, probabilityOut];
}`,
    call: ([source], step) =>
      `markovRegime(${source}, ${step.params.states}, ${step.params.window}, ${step.step.start})`,
  },
  "patterns.pivotPoints": {
    name: "pivotPoints",
    helpers: ["column"],
    code: `/**
 * Classic floor-trader pivots from the last finished UTC day's high, low and close: every bar of
 * a day uses the day before. Empty until the first day has finished.
 */
function pivotPoints(bars, start) {
  const { time, high, low, close } = bars;
  const n = close.length;
  const outs = Array.from({ length: 7 }, () => column(n));
  const [pivot, r1, r2, r3, s1, s2, s3] = outs;
  const DAY = 86400000;
  let [day, dayHigh, dayLow, dayClose] = [NaN, NaN, NaN, NaN];
  let [h, l, c] = [NaN, NaN, NaN];
  for (let i = start; i < n; i++) {
    const at = Math.floor(time[i] / DAY) * DAY;
    if (at === day) {
      if (high[i] > dayHigh) dayHigh = high[i];
      if (low[i] < dayLow) dayLow = low[i];
      dayClose = close[i];
    } else {
      if (!Number.isNaN(day)) [h, l, c] = [dayHigh, dayLow, dayClose];
      [day, dayHigh, dayLow, dayClose] = [at, high[i], low[i], close[i]];
    }
    const p = (h + l + c) / 3;
    pivot[i] = p;
    r1[i] = 2 * p - l;
    r2[i] = p + (h - l);
    r3[i] = h + 2 * (p - l);
    s1[i] = 2 * p - h;
    s2[i] = p - (h - l);
    s3[i] = l - 2 * (h - p);
  }
  return outs;
}`,
    call: ([bars], step) => `pivotPoints(${bars}, ${step.step.start})`,
  },
  "patterns.zigzag": {
    name: "zigzag",
    helpers: ["column"],
    code: `/**
 * The last confirmed swing price and its direction (+1 high, -1 low): a high counts once price
 * has fallen deviation percent below it, a low once price has risen that much above it. A bar
 * that makes a new extreme confirms nothing; before the first swing the older extreme wins.
 */
function zigzag(bars, deviation, start) {
  const { high, low } = bars;
  const n = high.length;
  const [swingOut, directionOut] = [column(n), column(n)];
  const [WATCH_BOTH, WATCH_HIGH, WATCH_LOW] = [0, 1, -1];
  const down = 1 - deviation / 100;
  const up = 1 + deviation / 100;
  let watching = WATCH_BOTH;
  let [candidateHigh, candidateHighAt, candidateLow, candidateLowAt] = [NaN, -1, NaN, -1];
  let [swing, direction] = [NaN, NaN];
  for (let i = start; i < n; i++) {
    const [h, l] = [high[i], low[i]];
    if (!Number.isNaN(h) && !Number.isNaN(l)) {
      const newHigh = watching !== WATCH_LOW && !(h <= candidateHigh);
      const newLow = watching !== WATCH_HIGH && !(l >= candidateLow);
      if (newHigh) [candidateHigh, candidateHighAt] = [h, i];
      if (newLow) [candidateLow, candidateLowAt] = [l, i];
      const highConfirmed = watching !== WATCH_LOW && !newHigh && l <= candidateHigh * down;
      const lowConfirmed = watching !== WATCH_HIGH && !newLow && h >= candidateLow * up;
      if (highConfirmed && (!lowConfirmed || candidateHighAt <= candidateLowAt)) {
        [swing, direction, watching] = [candidateHigh, 1, WATCH_LOW];
        // The earliest lowest low since the high; NaN lows never win.
        candidateLowAt = i;
        for (let j = i - 1; j >= candidateHighAt + 1; j--) if (low[j] <= low[candidateLowAt]) candidateLowAt = j;
        candidateLow = low[candidateLowAt];
      } else if (lowConfirmed) {
        [swing, direction, watching] = [candidateLow, -1, WATCH_HIGH];
        candidateHighAt = i;
        for (let j = i - 1; j >= candidateLowAt + 1; j--) if (high[j] >= high[candidateHighAt]) candidateHighAt = j;
        candidateHigh = high[candidateHighAt];
      }
    }
    swingOut[i] = swing;
    directionOut[i] = direction;
  }
  return [swingOut, directionOut];
}`,
    call: ([bars], step, literal) =>
      `zigzag(${bars}, ${literal(step.params.deviation as number)}, ${step.step.start})`,
  },
};
