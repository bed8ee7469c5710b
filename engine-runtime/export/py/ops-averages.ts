import type { StepInfo } from "../shared/model";
import type { OpWriter } from "../shared/ops";
import { pyString } from "../shared/text";
import { PY_INDICATOR_OPS } from "./ops-indicators";

/**
 * The Python of the moving averages and the oscillators built on them: their kernels in nodes/
 * with the same operations in the same order, looping over plain floats. The averages are helpers
 * because APO and PPO pick one by their moving-average type, and HMA is made of WMAs.
 */
export const PY_AVERAGE_HELPERS: Record<string, string> = {
  // The WMA op's own function, so a plan with both emits it once.
  wma: PY_INDICATOR_OPS["indicators.wma"].code,
  dema: `def dema(source, period, start):
    """DEMA (TA-Lib): 2·EMA − EMA(EMA), the second EMA seeded where the first has its first value."""
    first = ema(source, period, start).tolist()
    second = ema(first, period, start + period - 1).tolist()
    out = empty(len(first))
    for i in range(start, len(first)):
        out[i] = 2.0 * first[i] - second[i]
    return out`,
  tema: `def tema(source, period, start):
    """TEMA (TA-Lib): 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)), each EMA seeded where the one it smooths starts."""
    first = ema(source, period, start).tolist()
    second = ema(first, period, start + period - 1).tolist()
    third = ema(second, period, start + 2 * (period - 1)).tolist()
    out = empty(len(first))
    for i in range(start, len(first)):
        out[i] = third[i] + (3.0 * first[i] - 3.0 * second[i])
    return out`,
  trima: `def trima(source, period, start):
    """TRIMA (TA-Lib): an SMA of an SMA, carried as a triangle-weighted running sum in TA-Lib's three parts."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    half = period >> 1
    odd = period % 2 == 1
    factor = 1.0 / ((half + 1) * (half + 1) if odd else half * (half + 1))
    first = start + period - 1
    if first >= len(x):
        return out
    middle = start + half if odd else start + half - 1
    numerator = older_half = newer_half = 0.0
    for j in range(middle, start - 1, -1):
        older_half += x[j]
        numerator += older_half
    for j in range(middle + 1, first + 1):
        newer_half += x[j]
        numerator += newer_half
    out[first] = numerator * factor
    for i in range(first + 1, len(x)):
        numerator -= older_half
        older_half -= x[i - period]
        middle_value = x[i - half]
        older_half += middle_value
        if odd:
            numerator += newer_half
            newer_half -= middle_value
        else:
            newer_half -= middle_value
            numerator += newer_half
        newer_half += x[i]
        numerator += x[i]
        out[i] = numerator * factor
    return out`,
  kama: `def kama(source, period, start):
    """KAMA (TA-Lib): the efficiency ratio over period bars picks a smoothing between EMA(2) and EMA(30), squared."""
    slowest = 2.0 / (30.0 + 1.0)
    fastest_minus_slowest = 2.0 / (2.0 + 1.0) - slowest

    def smoothing(change, volatility):
        # TA-Lib counts a volatility this close to zero as none: the ratio is then 1.
        if volatility <= change or -1e-14 < volatility < 1e-14:
            efficiency = 1.0
        else:
            efficiency = abs(change / volatility)
        constant = efficiency * fastest_minus_slowest + slowest
        return constant * constant

    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    first = start + period
    if first >= len(x):
        return out
    volatility = 0.0
    for j in range(start, first):
        volatility += abs(x[j] - x[j + 1])
    # The first value starts from the previous bar's value.
    value = x[first - 1]
    value = (x[first] - value) * smoothing(x[first] - x[start], volatility) + value
    out[first] = value
    for i in range(first + 1, len(x)):
        leaving = x[i - period]
        volatility -= abs(x[i - period - 1] - leaving)
        volatility += abs(x[i] - x[i - 1])
        value = (x[i] - value) * smoothing(x[i] - leaving, volatility) + value
        out[i] = value
    return out`,
  t3: `def t3(source, period, volume_factor, start):
    """Tillson's T3 (TA-Lib): six chained EMAs, each seeded with the mean of its first period inputs."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    first = start + 6 * (period - 1)
    if first >= len(x):
        return out
    volume_factor = float(volume_factor)
    k = 2.0 / (period + 1.0)
    one_minus_k = 1.0 - k
    v2 = volume_factor * volume_factor
    c1 = -(v2 * volume_factor)
    c2 = 3.0 * (v2 - c1)
    c3 = -6.0 * v2 - 3.0 * (volume_factor - c1)
    c4 = 1.0 + 3.0 * volume_factor - c1 + 3.0 * v2
    e = [0.0] * 6
    # Seeds e1..e6 in turn: each is the mean of the first period values of the level below.
    at = start
    for level in range(6):
        if level == 0:
            total = x[at]
            at += 1
        else:
            total = e[level - 1]
        for _ in range(period - 1):
            if level == 0:
                total += x[at]
                at += 1
                continue
            e[0] = k * x[at] + one_minus_k * e[0]
            at += 1
            for below in range(1, level):
                e[below] = k * e[below - 1] + one_minus_k * e[below]
            total += e[level - 1]
        e[level] = total / period
    out[first] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2]
    for i in range(first + 1, len(x)):
        e[0] = k * x[i] + one_minus_k * e[0]
        for level in range(1, 6):
            e[level] = k * e[level - 1] + one_minus_k * e[level]
        out[i] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2]
    return out`,
  wilderOscillator: `def wilder_oscillator(source, period, start, balance):
    """Wilder-smoothed gains and losses seeded like TA-Lib (plain averages of the first period changes),
    combined as RSI (gains in percent of all moves) or as CMO ((gains − losses) in percent of all moves)."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    previous = gain = loss = 0.0
    for i in range(start, len(x)):
        bar = i - start
        value = x[i]
        if bar == 0:
            previous = value
            continue
        change = value - previous
        previous = value
        if bar > period:
            loss *= period - 1
            gain *= period - 1
            if change < 0:
                loss -= change
            else:
                gain += change
            loss /= period
            gain /= period
        else:
            if change < 0:
                loss -= change
            else:
                gain += change
            if bar < period:
                continue
            loss /= period
            gain /= period
        total = gain + loss
        # TA-Lib counts a total this close to zero as no movement at all.
        if -1e-14 < total < 1e-14:
            out[i] = 0.0
        elif balance == "cmo":
            out[i] = 100 * ((gain - loss) / total)
        else:
            out[i] = 100 * (gain / total)
    return out`,
  linearRegression: `def linear_regression(source, period, output, start):
    """A least-squares line through the last period values, fitted afresh each bar with TA-Lib's sums
    (x counts bars back from the newest): the line's value at the newest bar, or its slope per bar."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    sum_x = period * (period - 1) * 0.5
    sum_x_squared = (period * (period - 1) * (2 * period - 1)) / 6
    divisor = sum_x * sum_x - period * sum_x_squared
    for t in range(start + period - 1, len(x)):
        sum_xy = sum_y = 0.0
        for i in range(period - 1, -1, -1):
            y = x[t - i]
            sum_y += y
            sum_xy += i * y
        slope = (period * sum_xy - sum_x * sum_y) / divisor
        out[t] = slope if output == "slope" else (sum_y - slope * sum_x) / period + slope * (period - 1)
    return out`,
  priceOscillator: `def price_oscillator(source, kind, fast_period, slow_period, percent, start):
    """APO and PPO (TA-Lib): a fast and a slow moving average of one type over the same bars, fast minus
    slow, in percent of the slow one when asked (0 where it is 0). Each average is NaN through its own
    warm-up, so the oscillator starts with the slow one."""
    x = np.asarray(source, dtype=float).tolist()

    def average(period):
        if kind == "sma":
            mean = RollingMean(period)
            out = empty(len(x))
            for i in range(start, len(x)):
                out[i] = mean.push(x[i])
            return out.tolist()
        if kind == "ema":
            return ema(x, period, start).tolist()
        if kind == "wma":
            return wma(x, period, start).tolist()
        if kind == "dema":
            return dema(x, period, start).tolist()
        if kind == "tema":
            return tema(x, period, start).tolist()
        if kind == "trima":
            return trima(x, period, start).tolist()
        if kind == "kama":
            return kama(x, period, start).tolist()
        return t3(x, period, 0.7, start).tolist()

    fast, slow = average(fast_period), average(slow_period)
    out = empty(len(x))
    for i in range(start, len(x)):
        base = slow[i]
        if not percent:
            out[i] = fast[i] - base
        else:
            out[i] = 0.0 if -1e-14 < base < 1e-14 else ((fast[i] - base) / base) * 100.0
    return out`,
};

/** TA-Lib swaps the periods when the "fast" one is the longer, and so does the engine. */
function orderedPeriods(step: StepInfo): [fast: number, slow: number] {
  const fast = step.params.fastPeriod as number;
  const slow = step.params.slowPeriod as number;
  return slow < fast ? [slow, fast] : [fast, slow];
}

const MOVING_AVERAGE_HELPERS = ["empty", "ema", "rollingMean", "wma", "dema", "tema", "trima", "kama", "t3"];

const priceOscillator = (percent: boolean): OpWriter => ({
  name: "price_oscillator",
  helpers: [...MOVING_AVERAGE_HELPERS, "priceOscillator"],
  code: "",
  call: ([x], step) =>
    `price_oscillator(${x}, ${pyString(String(step.params.maType))}, ${orderedPeriods(step).join(", ")}, ${percent ? "True" : "False"}, ${step.step.start})`,
});

const linearRegression = (output: "value" | "slope"): OpWriter => ({
  name: "linear_regression",
  helpers: ["empty", "linearRegression"],
  code: "",
  call: ([x], step) =>
    `linear_regression(${x}, ${step.params.period}, ${pyString(output)}, ${step.step.start})`,
});

/** An op whose function is the helper of the same name, taking (source, period, start). */
const average = (name: string, helpers: string[]): OpWriter => ({
  name,
  helpers: ["empty", ...helpers, name],
  code: "",
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

export const PY_AVERAGE_OPS: Record<string, OpWriter> = {
  "indicators.dema": average("dema", ["ema"]),
  "indicators.tema": average("tema", ["ema"]),
  "indicators.trima": average("trima", []),
  "indicators.kama": average("kama", []),
  "indicators.t3": {
    name: "t3",
    helpers: ["empty", "t3"],
    code: "",
    call: ([x], step, literal) =>
      `t3(${x}, ${step.params.period}, ${literal(step.params.volumeFactor as number)}, ${step.step.start})`,
  },
  "indicators.hma": {
    name: "hma",
    helpers: ["empty", "wma"],
    code: `def hma(source, period, start):
    """Hull moving average: WMA(2·WMA(n/2) − WMA(n), √n), with n/2 and √n rounded down."""
    fast = wma(source, period // 2, start).tolist()
    slow = wma(source, period, start).tolist()
    raw = empty(len(fast))
    for i in range(start, len(fast)):
        raw[i] = 2 * fast[i] - slow[i]
    return wma(raw, math.floor(math.sqrt(period)), start + period - 1)`,
    call: ([x], step) => `hma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.trix": {
    name: "trix",
    helpers: ["empty", "ema"],
    code: `def trix(source, period, start):
    """TRIX (TA-Lib): the one-bar rate of change, in percent, of a triple EMA; 0 after a zero value."""
    first = ema(source, period, start).tolist()
    second = ema(first, period, start + period - 1).tolist()
    third = ema(second, period, start + 2 * (period - 1)).tolist()
    out = empty(len(third))
    for i in range(start + 3 * (period - 1) + 1, len(third)):
        previous = third[i - 1]
        out[i] = (third[i] / previous - 1.0) * 100.0 if previous != 0.0 else 0.0
    return out`,
    call: ([x], step) => `trix(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.apo": priceOscillator(false),
  "indicators.ppo": priceOscillator(true),
  "indicators.cmo": {
    name: "wilder_oscillator",
    helpers: ["empty", "wilderOscillator"],
    code: "",
    call: ([x], step) => `wilder_oscillator(${x}, ${step.params.period}, ${step.step.start}, "cmo")`,
  },
  "indicators.stochRsi": {
    name: "stochastic_rsi",
    helpers: ["empty", "rollingMean", "wilderOscillator"],
    code: `def stochastic_rsi(source, period, k_period, d_period, start):
    """Stochastic RSI (TA-Lib STOCHRSI, SMA %D): the fast stochastic of RSI; %K and %D appear once %D is warm."""
    rsi = wilder_oscillator(source, period, start, "rsi").tolist()
    k_out, d_out = empty(len(rsi)), empty(len(rsi))
    smooth_d = RollingMean(d_period)
    rsi_start = start + period
    warm = k_period - 1 + d_period - 1
    highest_at, highest, lowest_at, lowest = -1, 0.0, -1, 0.0
    for i in range(rsi_start + k_period - 1, len(rsi)):
        first = i - k_period + 1
        # Keep each extreme's bar and rescan only when it leaves the window; ties go to the latest bar.
        if lowest_at < first:
            lowest_at, lowest = first, rsi[first]
            for j in range(first + 1, i + 1):
                if rsi[j] <= lowest:
                    lowest_at, lowest = j, rsi[j]
        elif rsi[i] <= lowest:
            lowest_at, lowest = i, rsi[i]
        if highest_at < first:
            highest_at, highest = first, rsi[first]
            for j in range(first + 1, i + 1):
                if rsi[j] >= highest:
                    highest_at, highest = j, rsi[j]
        elif rsi[i] >= highest:
            highest_at, highest = i, rsi[i]
        one_percent = (highest - lowest) / 100
        k = (rsi[i] - lowest) / one_percent if one_percent != 0 else 0.0
        d = smooth_d.push(k)
        if i - rsi_start >= warm:
            k_out[i], d_out[i] = k, d
    return k_out, d_out`,
    call: ([x], step) =>
      `stochastic_rsi(${x}, ${step.params.period}, ${step.params.kPeriod}, ${step.params.dPeriod}, ${step.step.start})`,
  },
  "indicators.linearReg": linearRegression("value"),
  "indicators.linearRegSlope": linearRegression("slope"),
  "math.percentRank": {
    name: "percent_rank",
    helpers: ["empty"],
    code: `def percent_rank(source, period, start):
    """The share of the previous period values at or below the current one, 0 to 100 (Pine's
    ta.percentrank); empty where the value or any value in the window is not a finite number."""
    x = np.asarray(source, dtype=float).tolist()
    out = empty(len(x))
    for i in range(start + period, len(x)):
        v = x[i]
        if v - v != 0:
            continue
        at_or_below = gaps = 0
        for w in x[i - period : i]:
            if w - w != 0:
                gaps += 1
            elif w <= v:
                at_or_below += 1
        if gaps == 0:
            out[i] = (at_or_below / period) * 100
    return out`,
    call: ([x], step) => `percent_rank(${x}, ${step.params.period}, ${step.step.start})`,
  },
};
