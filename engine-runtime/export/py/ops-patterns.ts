import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import { FIBONACCI_RATIOS } from "@/nodes/patterns/fibonacciRetracement/fibonacciRetracement.node.ts";
import type { OpWriter } from "../shared/ops";
import { bucketOffset } from "../ts/ops-patterns";

/**
 * The Python of the higher-timeframe resample and the pattern ops: the kernels in
 * nodes/data/resample and nodes/patterns with the same operations in the same order, looping over
 * plain floats. Bucket starts are whole numbers of milliseconds far below 2**53, so Python's
 * integer floor arithmetic gives the same values as JavaScript's float arithmetic.
 */
export const PY_PATTERN_OPS: Record<string, OpWriter> = {
  "data.resample": {
    name: "higher_timeframe",
    helpers: ["empty"],
    code: `def higher_timeframe(bars, length, offset, start):
    """Bars of a longer timeframe: every bar sees the last FINISHED bucket, never the one still
    forming (no look-ahead). A bucket is length ms counted from offset (UTC) and finishes when a
    bar of a later bucket arrives; its time is the bucket's start. Empty until one has finished."""
    fields = ("time", "open", "high", "low", "close", "volume")
    time, opens, high, low, close, volume = (np.asarray(bars[f], dtype=float).tolist() for f in fields)
    n = len(close)
    out = {f: empty(n) for f in fields}
    bucket = o = h = l = c = v = NAN
    done = (NAN, NAN, NAN, NAN, NAN, NAN)
    for i in range(start, n):
        q = (time[i] - offset) / length
        # A resampled time is NaN until a bucket finishes: like JavaScript, floor leaves it NaN.
        at = math.floor(q) * length + offset if q - q == 0 else q * length + offset
        if at == bucket:
            if high[i] > h:
                h = high[i]
            if low[i] < l:
                l = low[i]
            c = close[i]
            v += volume[i]
        else:
            if not math.isnan(bucket):
                done = (float(bucket), o, h, l, c, v)
            bucket, o, h, l, c, v = at, opens[i], high[i], low[i], close[i], volume[i]
        for f, value in zip(fields, done):
            out[f][i] = value
    return out`,
    call: ([bars], step) => {
      const timeframe = step.params.timeframe as Timeframe;
      return `higher_timeframe(${bars}, ${TIMEFRAME_MS[timeframe]}, ${bucketOffset(timeframe)}, ${step.step.start})`;
    },
  },
  "patterns.fibonacciRetracement": {
    name: "fibonacci_levels",
    helpers: ["empty"],
    code: `def fibonacci_levels(bars, window, ratios, start):
    """The highest high and lowest low of the last window bars and the retracement levels between
    them, measured from the later extreme (ties count as an up-swing); empty while the window holds
    a gap. Each extreme is kept by a queue of bar indices whose values only fall (or rise) from
    front to back, so the newest of equal values wins, as in the kernel."""
    high, low = np.asarray(bars["high"], dtype=float).tolist(), np.asarray(bars["low"], dtype=float).tolist()
    n = len(high)
    outs = [empty(n) for _ in range(2 + len(ratios))]
    highs, lows = [], []
    highs_head = lows_head = gaps = 0
    for i in range(start, n):
        if not (high[i] - high[i] == 0 and low[i] - low[i] == 0):
            gaps += 1
        old = i - window
        if old >= start and not (high[old] - high[old] == 0 and low[old] - low[old] == 0):
            gaps -= 1
        if not math.isnan(high[i]):
            while len(highs) > highs_head and high[highs[-1]] <= high[i]:
                highs.pop()
            highs.append(i)
        if not math.isnan(low[i]):
            while len(lows) > lows_head and low[lows[-1]] >= low[i]:
                lows.pop()
            lows.append(i)
        while len(highs) > highs_head and highs[highs_head] <= old:
            highs_head += 1
        while len(lows) > lows_head and lows[lows_head] <= old:
            lows_head += 1
        if i - start < window - 1 or gaps != 0:
            continue
        hi, lo = highs[highs_head], lows[lows_head]
        h, l = high[hi], low[lo]
        swing = l - h if hi >= lo else h - l
        base = h if hi >= lo else l
        outs[0][i] = h
        outs[1][i] = l
        for r, ratio in enumerate(ratios):
            outs[r + 2][i] = base + ratio * swing
    return outs`,
    call: ([bars], step) =>
      `fibonacci_levels(${bars}, ${step.params.window}, [${FIBONACCI_RATIOS.join(", ")}], ${step.step.start})`,
  },
  "patterns.markovRegime": {
    name: "markov_regime",
    helpers: ["empty"],
    code: `def markov_regime(source, states, window, start):
    """Return buckets of the last window close-to-close returns (cut j at sorted position
    floor(j * window / states)), their transition counts, the current and most likely next state
    and its Laplace-smoothed probability. The window is a ring in arrival order plus a sorted list."""
    x = np.asarray(source, dtype=float).tolist()
    n = len(x)
    state_out, next_out, probability_out = empty(n), empty(n), empty(n)
    ring = [0.0] * window
    ordered = []
    seen = gaps = 0

    def lower_bound(value):
        lowest, highest = 0, len(ordered)
        while lowest < highest:
            middle = (lowest + highest) // 2
            if ordered[middle] < value:
                lowest = middle + 1
            else:
                highest = middle
        return lowest

    def bucket(r, cuts):
        s = 0
        while s < states - 1 and r >= cuts[s]:
            s += 1
        return s

    for i in range(start + 1, n):
        before = x[i - 1]
        r = x[i] / before - 1 if before > 0 else NAN
        slot = seen % window
        if seen >= window:
            old = ring[slot]
            if old - old == 0:
                del ordered[lower_bound(old)]
            else:
                gaps -= 1
        ring[slot] = r
        if r - r == 0:
            ordered.insert(lower_bound(r), r)
        else:
            gaps += 1
        seen += 1
        if seen < window or gaps > 0:
            continue
        cuts = [ordered[(j * window) // states] for j in range(1, states)]
        counts = [0] * (states * states)
        previous = bucket(ring[seen % window], cuts)
        for m in range(1, window):
            current = bucket(ring[(seen + m) % window], cuts)
            counts[previous * states + current] += 1
            previous = current
        best = row_total = 0
        for j in range(states):
            count = counts[previous * states + j]
            row_total += count
            if count > counts[previous * states + best]:
                best = j
        state_out[i] = previous
        next_out[i] = best
        probability_out[i] = (counts[previous * states + best] + 1) / (row_total + states)
    return state_out, next_out, probability_out`,
    call: ([source], step) =>
      `markov_regime(${source}, ${step.params.states}, ${step.params.window}, ${step.step.start})`,
  },
  "patterns.pivotPoints": {
    name: "pivot_points",
    helpers: ["empty"],
    code: `def pivot_points(bars, start):
    """Classic floor-trader pivots from the last finished UTC day's high, low and close: every bar
    of a day uses the day before. Empty until the first day has finished."""
    time, high, low, close = (np.asarray(bars[f], dtype=float).tolist() for f in ("time", "high", "low", "close"))
    n = len(close)
    pivot, r1, r2, r3, s1, s2, s3 = (empty(n) for _ in range(7))
    day_ms = 86400000
    day = day_high = day_low = day_close = NAN
    h = l = c = NAN
    for i in range(start, n):
        q = time[i] / day_ms
        # A resampled time is NaN until a bucket finishes: like JavaScript, floor leaves it NaN.
        at = math.floor(q) * day_ms if q - q == 0 else q * day_ms
        if at == day:
            if high[i] > day_high:
                day_high = high[i]
            if low[i] < day_low:
                day_low = low[i]
            day_close = close[i]
        else:
            if not math.isnan(day):
                h, l, c = day_high, day_low, day_close
            day, day_high, day_low, day_close = at, high[i], low[i], close[i]
        p = (h + l + c) / 3
        pivot[i] = p
        r1[i] = 2 * p - l
        r2[i] = p + (h - l)
        r3[i] = h + 2 * (p - l)
        s1[i] = 2 * p - h
        s2[i] = p - (h - l)
        s3[i] = l - 2 * (h - p)
    return pivot, r1, r2, r3, s1, s2, s3`,
    call: ([bars], step) => `pivot_points(${bars}, ${step.step.start})`,
  },
  "patterns.zigzag": {
    name: "zigzag",
    helpers: ["empty"],
    code: `def zigzag(bars, deviation, start):
    """The last confirmed swing price and its direction (+1 high, -1 low): a high counts once price
    has fallen deviation percent below it, a low once price has risen that much above it. A bar
    that makes a new extreme confirms nothing; before the first swing the older extreme wins."""
    high, low = np.asarray(bars["high"], dtype=float).tolist(), np.asarray(bars["low"], dtype=float).tolist()
    n = len(high)
    swing_out, direction_out = empty(n), empty(n)
    watch_both, watch_high, watch_low = 0, 1, -1
    down = 1 - deviation / 100
    up = 1 + deviation / 100
    watching = watch_both
    candidate_high, candidate_high_at, candidate_low, candidate_low_at = NAN, -1, NAN, -1
    swing = direction = NAN
    for i in range(start, n):
        h, l = high[i], low[i]
        if not (math.isnan(h) or math.isnan(l)):
            new_high = watching != watch_low and not (h <= candidate_high)
            new_low = watching != watch_high and not (l >= candidate_low)
            if new_high:
                candidate_high, candidate_high_at = h, i
            if new_low:
                candidate_low, candidate_low_at = l, i
            high_confirmed = watching != watch_low and not new_high and l <= candidate_high * down
            low_confirmed = watching != watch_high and not new_low and h >= candidate_low * up
            if high_confirmed and (not low_confirmed or candidate_high_at <= candidate_low_at):
                swing, direction, watching = candidate_high, 1.0, watch_low
                # The earliest lowest low since the high; NaN lows never win.
                candidate_low_at = i
                for j in range(i - 1, candidate_high_at, -1):
                    if low[j] <= low[candidate_low_at]:
                        candidate_low_at = j
                candidate_low = low[candidate_low_at]
            elif low_confirmed:
                swing, direction, watching = candidate_low, -1.0, watch_high
                candidate_high_at = i
                for j in range(i - 1, candidate_low_at, -1):
                    if high[j] >= high[candidate_high_at]:
                        candidate_high_at = j
                candidate_high = high[candidate_high_at]
        swing_out[i] = swing
        direction_out[i] = direction
    return swing_out, direction_out`,
    call: ([bars], step, literal) =>
      `zigzag(${bars}, ${literal(step.params.deviation as number)}, ${step.step.start})`,
  },
};
