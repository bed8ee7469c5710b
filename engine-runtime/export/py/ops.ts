import { macdPeriods, type OpWriter, onlySmaBands } from "../shared/ops";
import { pyString } from "../shared/text";
import { PY_AVERAGE_HELPERS, PY_AVERAGE_OPS } from "./ops-averages";
import { PY_BAR_HELPERS, PY_BAR_OPS } from "./ops-bars";
import { PY_INDICATOR_OPS } from "./ops-indicators";
import { PY_MORE_OPS } from "./ops-more";
import { PY_PATTERN_OPS } from "./ops-patterns";

/**
 * The Python of each op. Recursive indicators loop over plain floats with the node kernels'
 * operations in the same order, so values agree with the engine to the last bit; element-wise
 * ops use numpy, whose float64 arithmetic is the same IEEE arithmetic. Bars before `start` (the
 * first bar all inputs hold values) are treated as nonexistent.
 */
export const PY_HELPERS: Record<string, string> = {
  empty: `def empty(n):
    """A column of n bars, empty (NaN) until written."""
    return np.full(n, NAN)`,
  ema: `def ema(source, period, start):
    """EMA seeded with the SMA of its first period values (TA-Lib), from bar start on."""
    x = np.asarray(source).tolist()
    out = empty(len(x))
    k = 2 / (period + 1)
    seed_at = start + period - 1
    if seed_at >= len(x):
        return out
    seed_sum = 0.0
    for i in range(start, seed_at):
        seed_sum += x[i]
    value = (seed_sum + x[seed_at]) / period
    out[seed_at] = value
    for i in range(seed_at + 1, len(x)):
        value = (x[i] - value) * k + value
        out[i] = value
    return out`,
  trueRange: `def true_range_at(high, low, previous_close):
    """The bar's range stretched to include a gap from the previous close."""
    greatest = high - low
    from_high = abs(previous_close - high)
    if from_high > greatest:
        greatest = from_high
    from_low = abs(previous_close - low)
    if from_low > greatest:
        greatest = from_low
    return greatest`,
  rollingMean: `class RollingMean:
    """A mean of the last period values pushed, summed in TA-Lib's order; NaN until full."""

    def __init__(self, period):
        self.period = period
        self.window = [0.0] * period
        self.slot = 0
        self.count = 0
        self.sum = 0.0

    def push(self, value):
        self.sum += value
        self.window[self.slot] = value
        self.slot = 0 if self.slot + 1 == self.period else self.slot + 1
        if self.count < self.period:
            self.count += 1
        if self.count < self.period:
            return NAN
        mean = self.sum / self.period
        self.sum -= self.window[self.slot]
        return mean`,
  ...PY_BAR_HELPERS,
  ...PY_AVERAGE_HELPERS,
};

const elementwise = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  code: `def ${name}(a, b, start):
    """${doc}"""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(all="ignore"):
        out = ${expression}
    out[:start] = NAN
    return out`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

const logical = (name: string, doc: string, test: string): OpWriter => ({
  name,
  code: `def ${name}(a, b, start):
    """${doc} Empty while an input is empty."""
    out = np.where(np.isnan(a) | np.isnan(b), NAN, np.where(${test}, 1.0, 0.0))
    out[:start] = NAN
    return out`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

const crossing = (name: string, doc: string, test: string): OpWriter => ({
  name,
  code: `def ${name}(a, b, start):
    """${doc}"""
    x, y = a[1:], b[1:]
    px, py = a[:-1], b[:-1]
    gaps = np.isnan(x) | np.isnan(y) | np.isnan(px) | np.isnan(py)
    with np.errstate(invalid="ignore"):
        out = np.concatenate(([NAN], np.where(gaps, NAN, np.where(${test}, 1.0, 0.0))))
    out[: start + 1] = NAN
    return out`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

export const PY_OPS: Record<string, OpWriter> = {
  "data.priceFeed": {
    name: "price_field",
    code: `def price_field(bars, field, start):
    """One number of each bar: a field, or hl2, hlc3, ohlc4."""
    o, h, l, c = bars["open"], bars["high"], bars["low"], bars["close"]
    if field == "hl2":
        out = (h + l) / 2
    elif field == "hlc3":
        out = (h + l + c) / 3
    elif field == "ohlc4":
        out = (o + h + l + c) / 4
    else:
        out = np.array(bars[field], dtype=float)
    out[:start] = NAN
    return out`,
    call: ([bars], step) =>
      `price_field(${bars}, ${pyString(String(step.params.field))}, ${step.step.start})`,
  },
  "data.constant": {
    name: "constant_column",
    code: "",
    call: (_args, step, literal) => `np.full(n, ${literal(step.params.value as number)})`,
  },
  "indicators.sma": {
    name: "sma",
    helpers: ["empty"],
    code: `def sma(source, period, start):
    """Simple moving average (TA-Lib SMA): the mean of the last period values."""
    x = np.asarray(source).tolist()
    out = empty(len(x))
    total = 0.0
    for i in range(start, len(x)):
        total += x[i]
        if i - start >= period:
            total -= x[i - period]
        if i - start >= period - 1:
            out[i] = total / period
    return out`,
    call: ([source], step) => `sma(${source}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.ema": {
    name: "ema",
    helpers: ["empty", "ema"],
    code: "",
    call: ([source], step) => `ema(${source}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.rsi": {
    // One Wilder loop serves RSI and CMO (ops-averages), so a plan with both writes it once.
    name: "wilder_oscillator",
    helpers: ["empty", "wilderOscillator"],
    code: "",
    call: ([source], step) =>
      `wilder_oscillator(${source}, ${step.params.period}, ${step.step.start}, "rsi")`,
  },
  "indicators.atr": {
    name: "atr",
    helpers: ["empty", "trueRange"],
    code: `def atr(bars, period, start):
    """Wilder's Average True Range (TA-Lib ATR): the first bar has no previous close."""
    high, low, close = (np.asarray(bars[f]).tolist() for f in ("high", "low", "close"))
    out = empty(len(close))
    value = 0.0
    for i in range(start + 1, len(close)):
        bar = i - start
        if bar > period:
            value *= period - 1
            value += true_range_at(high[i], low[i], close[i - 1])
            value /= period
            out[i] = value
        else:
            value += true_range_at(high[i], low[i], close[i - 1])
            if bar == period:
                value /= period
                out[i] = value
    return out`,
    call: ([bars], step) => `atr(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.trange": {
    name: "true_range",
    helpers: ["empty", "trueRange"],
    code: `def true_range(bars, start):
    high, low, close = (np.asarray(bars[f]).tolist() for f in ("high", "low", "close"))
    out = empty(len(close))
    for i in range(start + 1, len(close)):
        out[i] = true_range_at(high[i], low[i], close[i - 1])
    return out`,
    call: ([bars], step) => `true_range(${bars}, ${step.step.start})`,
  },
  "indicators.bbands": {
    name: "bollinger_bands",
    helpers: ["empty"],
    refuse: onlySmaBands,
    code: `def bollinger_bands(source, period, up, down, start):
    """Bollinger Bands over an SMA with TA-Lib's sums: variance = mean of squares - squared mean."""
    x = np.asarray(source).tolist()
    upper, middle, lower = empty(len(x)), empty(len(x)), empty(len(x))
    first = start + period - 1
    total = total_of_squares = 0.0
    for i in range(start, min(first, len(x))):
        total += x[i]
        total_of_squares += x[i] * x[i]
    for i in range(first, len(x)):
        value = x[i]
        leaving = x[i - period + 1]
        total += value
        mean = total / period
        total -= leaving
        total_of_squares += value * value
        variance = total_of_squares / period
        total_of_squares -= leaving * leaving
        variance -= mean * mean
        deviation = 0.0 if variance < 1e-14 else math.sqrt(variance)
        middle[i] = mean
        upper[i] = mean + deviation * up
        lower[i] = mean - deviation * down
    return upper, middle, lower`,
    call: ([source], step, literal) =>
      `bollinger_bands(${source}, ${step.params.period}, ${literal(step.params.deviationsUp as number)}, ${literal(step.params.deviationsDown as number)}, ${step.step.start})`,
  },
  "indicators.macd": {
    name: "macd",
    helpers: ["empty", "ema"],
    code: `def macd(source, fast, slow, signal, start):
    """MACD as TA-Lib computes it: the fast EMA is seeded where the slow one ends its warm-up."""
    line_start = start + slow - 1
    line = ema(source, fast, line_start - (fast - 1)) - ema(source, slow, start)
    signal_line = ema(line, signal, line_start)
    first = line_start + signal - 1
    outputs = (line.copy(), signal_line.copy(), line - signal_line)
    for column in outputs:
        column[:first] = NAN
    return outputs`,
    call: ([source], step) => `macd(${source}, ${macdPeriods(step).join(", ")}, ${step.step.start})`,
  },
  "indicators.stoch": {
    name: "stochastic",
    helpers: ["empty", "rollingMean"],
    code: `def stochastic(bars, fast_k, slow_k, slow_d, start):
    """Slow stochastic (TA-Lib STOCH, SMA smoothing); 0 on a flat window."""
    high, low, close = (np.asarray(bars[f]).tolist() for f in ("high", "low", "close"))
    k_out, d_out = empty(len(close)), empty(len(close))
    smooth_k, smooth_d = RollingMean(slow_k), RollingMean(slow_d)
    warm = fast_k - 1 + slow_k - 1 + slow_d - 1
    highest_at, highest, lowest_at, lowest = -1, 0.0, -1, 0.0
    for i in range(start + fast_k - 1, len(close)):
        bar = i - start
        first = i - fast_k + 1
        # Keep each extreme's bar and rescan only when it leaves the window; ties go to the latest bar.
        if lowest_at < first:
            lowest_at, lowest = first, low[first]
            for j in range(first + 1, i + 1):
                if low[j] <= lowest:
                    lowest_at, lowest = j, low[j]
        elif low[i] <= lowest:
            lowest_at, lowest = i, low[i]
        if highest_at < first:
            highest_at, highest = first, high[first]
            for j in range(first + 1, i + 1):
                if high[j] >= highest:
                    highest_at, highest = j, high[j]
        elif high[i] >= highest:
            highest_at, highest = i, high[i]
        one_percent = (highest - lowest) / 100
        k = smooth_k.push((close[i] - lowest) / one_percent if one_percent != 0 else 0.0)
        d = smooth_d.push(k) if bar >= fast_k - 1 + slow_k - 1 else NAN
        if bar >= warm:
            k_out[i], d_out[i] = k, d
    return k_out, d_out`,
    call: ([bars], step) =>
      `stochastic(${bars}, ${step.params.fastKPeriod}, ${step.params.slowKPeriod}, ${step.params.slowDPeriod}, ${step.step.start})`,
  },
  "indicators.donchian": {
    name: "donchian",
    helpers: ["empty"],
    code: `def donchian(bars, period, start):
    """Donchian channel: highest high and lowest low of the last period bars, and their midpoint."""
    high, low = np.asarray(bars["high"]).tolist(), np.asarray(bars["low"]).tolist()
    upper, middle, lower = empty(len(high)), empty(len(high)), empty(len(high))
    highest_at, highest, lowest_at, lowest = -1, NAN, -1, NAN
    for i in range(start + period - 1, len(high)):
        oldest = i - period + 1
        if highest_at < oldest:
            highest_at, highest = oldest, high[oldest]
            for j in range(oldest + 1, i + 1):
                if high[j] > highest:
                    highest_at, highest = j, high[j]
        elif high[i] >= highest:
            highest_at, highest = i, high[i]
        if lowest_at < oldest:
            lowest_at, lowest = oldest, low[oldest]
            for j in range(oldest + 1, i + 1):
                if low[j] < lowest:
                    lowest_at, lowest = j, low[j]
        elif low[i] <= lowest:
            lowest_at, lowest = i, low[i]
        upper[i] = highest
        lower[i] = lowest
        middle[i] = (highest + lowest) / 2
    return upper, middle, lower`,
    call: ([bars], step) => `donchian(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "math.add": elementwise("add", "A + B.", "a + b"),
  "math.subtract": elementwise("subtract", "A - B.", "a - b"),
  "math.multiply": elementwise("multiply", "A x B.", "a * b"),
  "math.divide": elementwise("divide", "A / B, empty where B is 0.", "np.where(b == 0, NAN, a / b)"),
  "math.min": elementwise("smaller", "The smaller of A and B.", "np.minimum(a, b)"),
  "math.max": elementwise("larger", "The larger of A and B.", "np.maximum(a, b)"),
  "math.pow": elementwise(
    "power",
    "A to the power B; as in JavaScript, an empty exponent and 1 to an infinite power are empty.",
    "np.where(np.isnan(b) | ((np.abs(a) == 1) & np.isinf(b)), NAN, np.power(a, b))",
  ),
  "math.lag": {
    name: "bars_ago",
    helpers: ["empty"],
    code: `def bars_ago(x, bars, start):
    """The value from a number of bars ago."""
    out = empty(len(x))
    if start + bars < len(x):
        out[start + bars :] = x[start : len(x) - bars]
    return out`,
    call: ([x], step) => `bars_ago(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "logic.compare": {
    name: "compare",
    code: `def compare(a, b, op, start):
    """1 where "a op b" holds, 0 where it does not, empty while an input is empty."""
    tests = {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal, "==": np.equal, "!=": np.not_equal}
    with np.errstate(invalid="ignore"):
        held = tests[op](a, b)
    out = np.where(np.isnan(a) | np.isnan(b), NAN, np.where(held, 1.0, 0.0))
    out[:start] = NAN
    return out`,
    call: ([a, b], step) => `compare(${a}, ${b}, ${pyString(String(step.params.op))}, ${step.step.start})`,
  },
  "logic.crossesAbove": crossing(
    "crosses_above",
    "1 on the bar where A moves from at or below B to above it.",
    "(x > y) & (px <= py)",
  ),
  "logic.crossesBelow": crossing(
    "crosses_below",
    "1 on the bar where A moves from at or above B to below it.",
    "(x < y) & (px >= py)",
  ),
  "logic.and": logical("both", "1 where A and B are both true.", "(a == 1) & (b == 1)"),
  "logic.or": logical("either", "1 where A or B is true.", "(a == 1) | (b == 1)"),
  "logic.not": {
    name: "negate",
    code: `def negate(a, start):
    """1 where A is false, 0 where it is true, empty while A is empty."""
    out = np.where(np.isnan(a), NAN, np.where(a == 1, 0.0, 1.0))
    out[:start] = NAN
    return out`,
    call: ([a], step) => `negate(${a}, ${step.step.start})`,
  },
  ...PY_MORE_OPS,
  ...PY_INDICATOR_OPS,
  ...PY_BAR_OPS,
  ...PY_PATTERN_OPS,
  ...PY_AVERAGE_OPS,
};
