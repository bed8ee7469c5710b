import type { OpWriter } from "../shared/ops";

/**
 * The Python of the math and logic ops: the node kernels in nodes/math and nodes/logic with the
 * same operations in the same order. Loops run over plain floats; a finite-number test is
 * `v - v == 0`, as in the kernels, so infinities count as gaps exactly where they do there.
 */
const unary = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  code: `def ${name}(x, start):
    """${doc}"""
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        out = ${expression}
    out[:start] = NAN
    return out`,
  call: ([x], step) => `${name}(${x}, ${step.step.start})`,
});

const windowSums = (name: string, doc: string, squares: boolean, finish: string): OpWriter => ({
  name,
  helpers: ["empty"],
  code: `def ${name}(source, period, start):
    """${doc} Empty while the window holds a gap."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    total = total_of_squares = 0.0
    gaps = 0
    for i in range(start, len(x)):
        if i - start >= period:
            old = x[i - period]
            if old - old == 0:
                total -= old${squares ? "\n                total_of_squares -= old * old" : ""}
            else:
                gaps -= 1
        v = x[i]
        if v - v == 0:
            total += v${squares ? "\n            total_of_squares += v * v" : ""}
        else:
            gaps += 1
        if i - start < period - 1 or gaps > 0:
            continue
${finish}
    return out`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

const windowExtreme = (name: string, doc: string, pick: string): OpWriter => ({
  name,
  helpers: ["empty"],
  code: `def ${name}(source, period, start):
    """${doc} Empty while the window holds a gap."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    for i in range(start + period - 1, len(x)):
        window = x[i - period + 1 : i + 1]
        if all(v - v == 0 for v in window):
            out[i] = ${pick}(window)
    return out`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

const streak = (name: string, doc: string, test: string): OpWriter => ({
  name,
  helpers: ["empty"],
  code: `def ${name}(source, bars, start):
    """${doc}"""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    run = 0
    for i in range(start + 1, len(x)):
        now, before = x[i], x[i - 1]
        run = run + 1 if ${test} else 0
        if i >= start + bars and not math.isnan(now) and not math.isnan(before):
            out[i] = 1.0 if run >= bars else 0.0
    return out`,
  call: ([x], step) => `${name}(${x}, ${step.params.bars}, ${step.step.start})`,
});

const STDEV = `        mean = total / period
        variance = total_of_squares / period - mean * mean`;

export const PY_MORE_OPS: Record<string, OpWriter> = {
  "math.abs": unary("absolute", "|A|.", "np.abs(x)"),
  "math.log": unary(
    "logarithm",
    "Natural log of A, empty where A is not above 0.",
    "np.array([math.log(v) if v > 0 else NAN for v in x.tolist()])",
  ),
  "math.exp": {
    name: "exponential",
    code: `def exponential(x, start):
    """e to the power A."""

    def exp(v):
        try:
            return math.exp(v)
        except OverflowError:
            return math.inf

    out = np.array([exp(v) for v in np.asarray(x, dtype=float).tolist()])
    out[:start] = NAN
    return out`,
    call: ([x], step) => `exponential(${x}, ${step.step.start})`,
  },
  "math.sqrt": unary("square_root", "Square root of A.", "np.sqrt(x)"),
  "math.clamp": {
    name: "clamp",
    code: `def clamp(x, lower, upper, start):
    """A kept between the lower and upper limits; empty where the limits are crossed or empty."""
    x, lo, hi = (np.asarray(c, dtype=float) for c in (x, lower, upper))
    with np.errstate(invalid="ignore"):
        out = np.where(lo <= hi, np.minimum(np.maximum(x, lo), hi), NAN)
    out[:start] = NAN
    return out`,
    call: ([x, lo, hi], step) => `clamp(${x}, ${lo}, ${hi}, ${step.step.start})`,
  },
  "math.round": {
    name: "round_to",
    code: `def round_to(x, scale, start):
    """A rounded to a number of decimals (scale = 10 ** decimals), halves rounded up as in JavaScript."""
    with np.errstate(invalid="ignore"):
        scaled = np.asarray(x, dtype=float) * scale
        floor = np.floor(scaled)
        out = np.where(scaled - floor >= 0.5, floor + 1, floor) / scale
    out[:start] = NAN
    return out`,
    call: ([x], step, literal) =>
      `round_to(${x}, ${literal(10 ** (step.params.decimals as number))}, ${step.step.start})`,
  },
  "math.change": {
    name: "change",
    helpers: ["empty"],
    code: `def change(x, bars, start):
    """A now minus A a number of bars ago."""
    x = np.asarray(x, dtype=float)
    out = empty(len(x))
    if start + bars < len(x):
        with np.errstate(invalid="ignore"):
            out[start + bars :] = x[start + bars :] - x[start : len(x) - bars]
    return out`,
    call: ([x], step) => `change(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "math.percentChange": {
    name: "percent_change",
    helpers: ["empty"],
    code: `def percent_change(x, bars, start):
    """The change from a number of bars ago in percent of the old value; empty where that is 0."""
    x = np.asarray(x, dtype=float)
    out = empty(len(x))
    if start + bars < len(x):
        now, before = x[start + bars :], x[start : len(x) - bars]
        with np.errstate(all="ignore"):
            out[start + bars :] = np.where(before == 0, NAN, ((now - before) / before) * 100)
    return out`,
    call: ([x], step) => `percent_change(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "math.rollingSum": windowSums(
    "rolling_total",
    "The sum of the last period values.",
    false,
    "        out[i] = total",
  ),
  "math.rollingMean": windowSums(
    "rolling_average",
    "The mean of the last period values.",
    false,
    "        out[i] = total / period",
  ),
  "math.rollingStdev": windowSums(
    "rolling_stdev",
    "Population standard deviation of the last period values (TA-Lib's sums).",
    true,
    `${STDEV}
        # Rounding can push a zero variance slightly below zero.
        out[i] = math.sqrt(variance) if variance > 0 else 0.0`,
  ),
  "math.zScore": windowSums(
    "z_score",
    "How many standard deviations A is from its mean over the last period values.",
    true,
    `${STDEV}
        out[i] = (v - mean) / math.sqrt(variance) if variance > 0 else NAN`,
  ),
  "math.rollingMin": windowExtreme("rolling_lowest", "The lowest of the last period values.", "min"),
  "math.rollingMax": windowExtreme("rolling_highest", "The highest of the last period values.", "max"),
  "logic.between": {
    name: "between",
    code: `def between(x, lower, upper, start):
    """1 where lower <= A <= upper, empty while an input is empty."""
    x, lo, hi = (np.asarray(c, dtype=float) for c in (x, lower, upper))
    with np.errstate(invalid="ignore"):
        held = (x >= lo) & (x <= hi)
    out = np.where(np.isnan(x) | np.isnan(lo) | np.isnan(hi), NAN, np.where(held, 1.0, 0.0))
    out[:start] = NAN
    return out`,
    call: ([x, lo, hi], step) => `between(${x}, ${lo}, ${hi}, ${step.step.start})`,
  },
  "logic.xor": {
    name: "either_but_not_both",
    code: `def either_but_not_both(a, b, start):
    """1 where exactly one of A and B is true, empty while an input is empty."""
    out = np.where(np.isnan(a) | np.isnan(b), NAN, np.where((a == 1) != (b == 1), 1.0, 0.0))
    out[:start] = NAN
    return out`,
    call: ([a, b], step) => `either_but_not_both(${a}, ${b}, ${step.step.start})`,
  },
  "logic.ifThenElse": {
    name: "if_then_else",
    code: `def if_then_else(condition, when_true, when_false, start):
    """The "then" value where the condition is true, the "else" value where false, empty while it is empty."""
    c = np.asarray(condition, dtype=float)
    out = np.where(np.isnan(c), NAN, np.where(c == 1, when_true, when_false))
    out[:start] = NAN
    return out`,
    call: ([c, t, f], step) => `if_then_else(${c}, ${t}, ${f}, ${step.step.start})`,
  },
  "logic.rising": streak("rising", "1 once A has risen on each of the last bars bars.", "now > before"),
  "logic.falling": streak("falling", "1 once A has fallen on each of the last bars bars.", "now < before"),
  "logic.trueForBars": {
    name: "true_for_bars",
    helpers: ["empty"],
    code: `def true_for_bars(condition, bars, start):
    """1 once the condition has been true for bars bars in a row; an empty bar ends the run."""
    x = np.asarray(condition, dtype=float).tolist()
    out = empty(len(x))
    run = 0
    for i in range(start, len(x)):
        c = x[i]
        run = run + 1 if c == 1 else 0
        if i >= start + bars - 1 and not math.isnan(c):
            out[i] = 1.0 if run >= bars else 0.0
    return out`,
    call: ([c], step) => `true_for_bars(${c}, ${step.params.bars}, ${step.step.start})`,
  },
  "logic.becameTrue": {
    name: "became_true",
    helpers: ["empty"],
    code: `def became_true(condition, start):
    """1 on the bar the condition turns true."""
    x = np.asarray(condition, dtype=float).tolist()
    out = empty(len(x))
    for i in range(start + 1, len(x)):
        now, before = x[i], x[i - 1]
        if not math.isnan(now) and not math.isnan(before):
            out[i] = 1.0 if now == 1 and before != 1 else 0.0
    return out`,
    call: ([c], step) => `became_true(${c}, ${step.step.start})`,
  },
  "logic.barsSince": {
    name: "bars_since",
    helpers: ["empty"],
    code: `def bars_since(condition, start):
    """Bars since the condition was last true; empty until it first is."""
    x = np.asarray(condition, dtype=float).tolist()
    out = empty(len(x))
    last_true = -1
    for i in range(start, len(x)):
        if x[i] == 1:
            last_true = i
        if last_true >= 0:
            out[i] = i - last_true
    return out`,
    call: ([c], step) => `bars_since(${c}, ${step.step.start})`,
  },
};
PY_MORE_OPS["logic.countInWindow"] = PY_MORE_OPS["math.rollingSum"];
