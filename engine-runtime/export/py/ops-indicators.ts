import type { OpWriter } from "../shared/ops";

/** The Python of more indicators: loops over plain floats with their kernels' operations in order. */
const difference = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  helpers: ["empty"],
  code: `def ${name}(source, period, start):
    """${doc}"""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    for i in range(start + period, len(x)):
        then = x[i - period]
        out[i] = ${expression}
    return out`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

const columns = (fields: string) =>
  `${fields.split(" ").join(", ")} = (np.asarray(bars[f], dtype=float).tolist() for f in (${fields
    .split(" ")
    .map((f) => `"${f}"`)
    .join(", ")}))`;

export const PY_INDICATOR_OPS: Record<string, OpWriter> = {
  "indicators.wma": {
    name: "wma",
    helpers: ["empty"],
    code: `def wma(source, period, start):
    """Weighted moving average with TA-Lib's running sums: weights 1..period, newest heaviest."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    divider = (period * (period + 1)) / 2
    first = start + period - 1
    weighted_sum = plain_sum = leaving = 0.0
    for j in range(start, min(first, len(x))):
        plain_sum += x[j]
        weighted_sum += x[j] * (j - start + 1)
    for i in range(first, len(x)):
        value = x[i]
        plain_sum += value
        plain_sum -= leaving
        weighted_sum += value * period
        leaving = x[i - period + 1]
        out[i] = weighted_sum / divider
        weighted_sum -= plain_sum
    return out`,
    call: ([x], step) => `wma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.rma": {
    name: "rma",
    helpers: ["empty"],
    code: `def rma(source, period, start):
    """Wilder's moving average, seeded with the SMA of its first period values."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    seed_at = start + period - 1
    if seed_at >= len(x):
        return out
    seed_sum = 0.0
    for i in range(start, seed_at):
        seed_sum += x[i]
    value = (seed_sum + x[seed_at]) / period
    out[seed_at] = value
    for i in range(seed_at + 1, len(x)):
        value *= period - 1
        value += x[i]
        value /= period
        out[i] = value
    return out`,
    call: ([x], step) => `rma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.roc": difference(
    "rate_of_change",
    "Rate of change in percent over period bars (TA-Lib ROC); 0 where the old value is 0.",
    "(x[i] / then - 1) * 100 if then != 0 else 0.0",
  ),
  "indicators.mom": difference("momentum", "The value now minus period bars ago.", "x[i] - then"),
  "indicators.stdDev": {
    name: "standard_deviation",
    helpers: ["empty"],
    code: `def standard_deviation(source, period, deviations, start):
    """Population standard deviation times deviations, with TA-Lib's running sums."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    first = start + period - 1
    total = total_of_squares = 0.0
    for i in range(start, min(first, len(x))):
        total += x[i]
        total_of_squares += x[i] * x[i]
    for i in range(first, len(x)):
        value = x[i]
        total += value
        total_of_squares += value * value
        mean = total / period
        mean_of_squares = total_of_squares / period
        leaving = x[i - period + 1]
        total -= leaving
        total_of_squares -= leaving * leaving
        variance = mean_of_squares - mean * mean
        out[i] = 0.0 if variance < 1e-14 else math.sqrt(variance) * deviations
    return out`,
    call: ([x], step, literal) =>
      `standard_deviation(${x}, ${step.params.period}, ${literal(step.params.deviations as number)}, ${step.step.start})`,
  },
  "indicators.obv": {
    name: "on_balance_volume",
    helpers: ["empty"],
    code: `def on_balance_volume(bars, start):
    """On-balance volume: the running total of volume, added on up closes and taken away on down closes."""
    ${columns("close volume")}
    out = empty(len(close))
    total = 0.0
    for i in range(start, len(close)):
        if i == start:
            total = volume[i]
        elif close[i] > close[i - 1]:
            total += volume[i]
        elif close[i] < close[i - 1]:
            total -= volume[i]
        out[i] = total
    return out`,
    call: ([bars], step) => `on_balance_volume(${bars}, ${step.step.start})`,
  },
  "indicators.natr": {
    name: "normalized_atr",
    helpers: ["empty", "trueRange"],
    code: `def normalized_atr(bars, period, start):
    """ATR in percent of the close (TA-Lib NATR); 0 where the close is 0."""
    ${columns("high low close")}
    out = empty(len(close))
    average = 0.0
    for i in range(start + 1, len(close)):
        if i - start <= period:
            average += true_range_at(high[i], low[i], close[i - 1])
            if i - start < period:
                continue
            average /= period
        else:
            average *= period - 1
            average += true_range_at(high[i], low[i], close[i - 1])
            average /= period
        price = close[i]
        out[i] = 0.0 if -1e-14 < price < 1e-14 else (average / price) * 100
    return out`,
    call: ([bars], step) => `normalized_atr(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.willr": {
    name: "williams_r",
    helpers: ["empty"],
    code: `def williams_r(bars, period, start):
    """Williams %R over period bars: 0 at the highest high, -100 at the lowest low; 0 on a flat window."""
    ${columns("high low close")}
    out = empty(len(close))
    for i in range(start + period - 1, len(close)):
        highest = max(high[i - period + 1 : i + 1])
        lowest = min(low[i - period + 1 : i + 1])
        minus_one_percent = (highest - lowest) / -100
        out[i] = (highest - close[i]) / minus_one_percent if minus_one_percent != 0 else 0.0
    return out`,
    call: ([bars], step) => `williams_r(${bars}, ${step.params.period}, ${step.step.start})`,
  },
};
