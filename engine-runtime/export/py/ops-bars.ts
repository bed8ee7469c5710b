import type { OpWriter } from "../shared/ops";
import { ultimatePeriods } from "../ts/ops-bars";

/**
 * The Python of the indicators that read whole bars (volume flow, trend, channels, VWAP,
 * Heikin-Ashi): loops over plain floats with their kernels' operations in the same order.
 */

/** Code two or more of these ops share; each definition is emitted once however many ops use it. */
export const PY_BAR_HELPERS: Record<string, string> = {
  moneyFlowVolume: `def money_flow_volume(high, low, close, volume):
    """The bar's money flow volume: where the close sits in the range (-1 to +1) times volume; 0 on a bar with no range."""
    price_range = high - low
    return ((close - low - (high - close)) / price_range) * volume if price_range > 0 else 0.0`,
  averageTrueRange: `def average_true_range(high, low, close, period, start):
    """Wilder's Average True Range (TA-Lib ATR), the width unit of Keltner Channels and SuperTrend."""
    out = empty(len(close))
    average = 0.0
    for i in range(start + 1, len(close)):
        if i - start <= period:
            average += true_range_at(high[i], low[i], close[i - 1])
            if i - start == period:
                average /= period
                out[i] = average
        else:
            average *= period - 1
            average += true_range_at(high[i], low[i], close[i - 1])
            average /= period
            out[i] = average
    return out`,
  trailingExtremes: `class TrailingExtremes:
    """Highest high and lowest low of a trailing window, found as TA-Lib finds them: keep each
    extreme's bar and rescan only when it leaves the window. Ties go to the latest bar (Aroon's "bars since")."""

    def __init__(self):
        self.highest_at, self.highest = -1, 0.0
        self.lowest_at, self.lowest = -1, 0.0

    def update(self, high, low, first, today):
        """Moves the window to bars first..today."""
        if self.lowest_at < first:
            at, lowest = first, low[first]
            for i in range(first + 1, today + 1):
                if low[i] <= lowest:
                    at, lowest = i, low[i]
            self.lowest_at, self.lowest = at, lowest
        elif low[today] <= self.lowest:
            self.lowest_at, self.lowest = today, low[today]
        if self.highest_at < first:
            at, highest = first, high[first]
            for i in range(first + 1, today + 1):
                if high[i] >= highest:
                    at, highest = i, high[i]
            self.highest_at, self.highest = at, highest
        elif high[today] >= self.highest:
            self.highest_at, self.highest = today, high[today]`,
};

/** Reads bar fields as lists of plain floats: `high, low = (...)`. */
const fields = (names: string) => {
  const list = names.split(" ");
  return `${list.join(", ")} = (np.asarray(bars[f], dtype=float).tolist() for f in (${list.map((f) => `"${f}"`).join(", ")}))`;
};

/** A bars op with integer params only: `name(bars, ...params, start)`. */
const barsCall =
  (name: string, ...params: string[]): OpWriter["call"] =>
  ([bars], step) =>
    `${name}(${[bars, ...params.map((param) => String(step.params[param])), step.step.start].join(", ")})`;

export const PY_BAR_OPS: Record<string, OpWriter> = {
  "indicators.ad": {
    name: "accumulation_distribution",
    helpers: ["empty", "moneyFlowVolume"],
    code: `def accumulation_distribution(bars, start):
    """Chaikin's Accumulation/Distribution line (TA-Lib AD): the running total of money flow volume."""
    ${fields("high low close volume")}
    out = empty(len(close))
    total = 0.0
    for i in range(start, len(close)):
        total += money_flow_volume(high[i], low[i], close[i], volume[i])
        out[i] = total
    return out`,
    call: barsCall("accumulation_distribution"),
  },
  "indicators.adosc": {
    name: "chaikin_oscillator",
    helpers: ["empty", "moneyFlowVolume"],
    code: `def chaikin_oscillator(bars, fast_period, slow_period, start):
    """Chaikin Oscillator (TA-Lib ADOSC): fast EMA minus slow EMA of the A/D line, both started from its first value."""
    ${fields("high low close volume")}
    out = empty(len(close))
    warm = max(fast_period, slow_period) - 1
    fast_k = 2 / (fast_period + 1)
    slow_k = 2 / (slow_period + 1)
    fast_keep = 1 - fast_k
    slow_keep = 1 - slow_k
    line = fast = slow = 0.0
    for i in range(start, len(close)):
        line += money_flow_volume(high[i], low[i], close[i], volume[i])
        if i == start:
            fast = slow = line
        else:
            fast = fast_k * line + fast_keep * fast
            slow = slow_k * line + slow_keep * slow
        if i - start >= warm:
            out[i] = fast - slow
    return out`,
    call: barsCall("chaikin_oscillator", "fastPeriod", "slowPeriod"),
  },
  "indicators.cmf": {
    name: "chaikin_money_flow",
    helpers: ["empty", "moneyFlowVolume"],
    code: `def chaikin_money_flow(bars, period, start):
    """Chaikin Money Flow: money flow volume over volume of the last period bars; 0 without volume."""
    ${fields("high low close volume")}
    out = empty(len(close))
    flow_sum = volume_sum = 0.0
    for i in range(start, len(close)):
        flow_sum += money_flow_volume(high[i], low[i], close[i], volume[i])
        volume_sum += volume[i]
        if i - start >= period:
            old = i - period
            flow_sum -= money_flow_volume(high[old], low[old], close[old], volume[old])
            volume_sum -= volume[old]
        if i - start >= period - 1:
            out[i] = flow_sum / volume_sum if volume_sum != 0 else 0.0
    return out`,
    call: barsCall("chaikin_money_flow", "period"),
  },
  "indicators.mfi": {
    name: "money_flow_index",
    helpers: ["empty"],
    code: `def money_flow_index(bars, period, start):
    """Money Flow Index (TA-Lib MFI): the rising share of typical price x volume; 0 while the flow is below 1."""
    ${fields("high low close volume")}
    out = empty(len(close))
    positive, negative = [0.0] * period, [0.0] * period
    slot = 0
    positive_sum = negative_sum = previous = 0.0
    for i in range(start, len(close)):
        bar = i - start
        typical = (high[i] + low[i] + close[i]) / 3
        if bar == 0:
            previous = typical
            continue
        if bar > period:
            positive_sum -= positive[slot]
            negative_sum -= negative[slot]
        change = typical - previous
        previous = typical
        flow = typical * volume[i]
        if change < 0:
            negative[slot] = flow
            negative_sum += flow
            positive[slot] = 0.0
        elif change > 0:
            positive[slot] = flow
            positive_sum += flow
            negative[slot] = 0.0
        else:
            positive[slot] = 0.0
            negative[slot] = 0.0
        slot = 0 if slot + 1 == period else slot + 1
        if bar < period:
            continue
        total = positive_sum + negative_sum
        out[i] = 0.0 if total < 1 else 100 * (positive_sum / total)
    return out`,
    call: barsCall("money_flow_index", "period"),
  },
  "indicators.adx": {
    name: "directional_movement",
    helpers: ["empty", "trueRange"],
    code: `def directional_movement(bars, period, start):
    """Wilder's ADX, +DI and -DI (TA-Lib): the first period - 1 moves are summed, then smoothed; ADX
    averages the first period DX values. A bar without a defined DX leaves the ADX as it was."""
    ${fields("high low close")}
    adx_out, plus_out, minus_out = empty(len(close)), empty(len(close)), empty(len(close))
    plus_dm = minus_dm = price_range = sum_dx = average = 0.0
    for i in range(start + 1, len(close)):
        bar = i - start
        up = high[i] - high[i - 1]
        down = low[i - 1] - low[i]
        tr = true_range_at(high[i], low[i], close[i - 1])
        if bar < period:
            if down > 0 and up < down:
                minus_dm += down
            elif up > 0 and up > down:
                plus_dm += up
            price_range += tr
            continue
        minus_dm -= minus_dm / period
        plus_dm -= plus_dm / period
        if down > 0 and up < down:
            minus_dm += down
        elif up > 0 and up > down:
            plus_dm += up
        price_range = price_range - price_range / period + tr
        dx = NAN
        if -1e-14 < price_range < 1e-14:
            plus_out[i] = minus_out[i] = 0.0
        else:
            minus_di = 100 * (minus_dm / price_range)
            plus_di = 100 * (plus_dm / price_range)
            plus_out[i] = plus_di
            minus_out[i] = minus_di
            total = minus_di + plus_di
            if not -1e-14 < total < 1e-14:
                dx = 100 * (abs(minus_di - plus_di) / total)
        if bar < 2 * period - 1:
            if not math.isnan(dx):
                sum_dx += dx
        elif bar == 2 * period - 1:
            if not math.isnan(dx):
                sum_dx += dx
            average = sum_dx / period
            adx_out[i] = average
        else:
            if not math.isnan(dx):
                average = (average * (period - 1) + dx) / period
            adx_out[i] = average
    return adx_out, plus_out, minus_out`,
    call: barsCall("directional_movement", "period"),
  },
  "indicators.aroon": {
    name: "aroon",
    helpers: ["empty", "trailingExtremes"],
    code: `def aroon(bars, period, start):
    """Aroon up and down (TA-Lib AROON): how recently the last period + 1 bars made their high and low, 100 to 0."""
    ${fields("high low")}
    up_out, down_out = empty(len(high)), empty(len(high))
    extremes = TrailingExtremes()
    factor = 100 / period
    for i in range(start + period, len(high)):
        extremes.update(high, low, i - period, i)
        up_out[i] = factor * (period - (i - extremes.highest_at))
        down_out[i] = factor * (period - (i - extremes.lowest_at))
    return up_out, down_out`,
    call: barsCall("aroon", "period"),
  },
  "indicators.aroonOsc": {
    name: "aroon_oscillator",
    helpers: ["empty", "trailingExtremes"],
    code: `def aroon_oscillator(bars, period, start):
    """Aroon oscillator (TA-Lib AROONOSC): Aroon up minus Aroon down, -100 to +100."""
    ${fields("high low")}
    out = empty(len(high))
    extremes = TrailingExtremes()
    factor = 100 / period
    for i in range(start + period, len(high)):
        extremes.update(high, low, i - period, i)
        out[i] = factor * (extremes.highest_at - extremes.lowest_at)
    return out`,
    call: barsCall("aroon_oscillator", "period"),
  },
  "indicators.cci": {
    name: "commodity_channel_index",
    helpers: ["empty"],
    code: `def commodity_channel_index(bars, period, start):
    """Commodity Channel Index (TA-Lib CCI). The typical prices sit in slots (bar - start) mod period
    and are summed slot by slot, as TA-Lib sums its circular buffer, so the rounding is the same."""
    ${fields("high low close")}
    out = empty(len(close))
    typical = [0.0] * period
    for i in range(start, len(close)):
        bar = i - start
        last = (high[i] + low[i] + close[i]) / 3
        typical[bar % period] = last
        if bar < period - 1:
            continue
        average = 0.0
        for value in typical:
            average += value
        average /= period
        deviation = 0.0
        for value in typical:
            deviation += abs(value - average)
        distance = last - average
        # div: a deviation so small that 0.015 x deviation / period rounds to 0 gives +-inf, as in JavaScript.
        out[i] = div(distance, 0.015 * (deviation / period)) if distance != 0 and deviation != 0 else 0.0
    return out`,
    call: barsCall("commodity_channel_index", "period"),
  },
  "indicators.sar": {
    name: "parabolic_sar",
    helpers: ["empty"],
    code: `def parabolic_sar(bars, acceleration, maximum, start):
    """Wilder's Parabolic SAR (TA-Lib SAR). The first trend is short if the second bar's low fell by
    more than its high rose; that first bar is compared against itself, as in TA-Lib."""
    ${fields("high low")}
    out = empty(len(high))
    step = min(acceleration, maximum)
    long, factor, extreme, stop = True, step, 0.0, 0.0
    for i in range(start + 1, len(high)):
        new_high = high[i]
        new_low = low[i]
        previous_high = high[i - 1]
        previous_low = low[i - 1]
        if i - start == 1:
            fall = previous_low - new_low
            long = not (fall > 0 and new_high - previous_high < fall)
            factor = step
            extreme = new_high if long else new_low
            stop = previous_low if long else previous_high
            previous_high = new_high
            previous_low = new_low
        if long:
            if new_low <= stop:
                long = False
                stop = extreme
                if stop < previous_high:
                    stop = previous_high
                if stop < new_high:
                    stop = new_high
                out[i] = stop
                factor = step
                extreme = new_low
                stop = stop + factor * (extreme - stop)
                if stop < previous_high:
                    stop = previous_high
                if stop < new_high:
                    stop = new_high
            else:
                out[i] = stop
                if new_high > extreme:
                    extreme = new_high
                    factor += step
                    if factor > maximum:
                        factor = maximum
                stop = stop + factor * (extreme - stop)
                if stop > previous_low:
                    stop = previous_low
                if stop > new_low:
                    stop = new_low
        elif new_high >= stop:
            long = True
            stop = extreme
            if stop > previous_low:
                stop = previous_low
            if stop > new_low:
                stop = new_low
            out[i] = stop
            factor = step
            extreme = new_high
            stop = stop + factor * (extreme - stop)
            if stop > previous_low:
                stop = previous_low
            if stop > new_low:
                stop = new_low
        else:
            out[i] = stop
            if new_low < extreme:
                extreme = new_low
                factor += step
                if factor > maximum:
                    factor = maximum
            stop = stop + factor * (extreme - stop)
            if stop < previous_high:
                stop = previous_high
            if stop < new_high:
                stop = new_high
    return out`,
    call: ([bars], step, literal) =>
      `parabolic_sar(${bars}, ${literal(step.params.acceleration as number)}, ${literal(step.params.maximum as number)}, ${step.step.start})`,
  },
  "indicators.stochf": {
    name: "fast_stochastic",
    helpers: ["empty", "rollingMean", "trailingExtremes"],
    code: `def fast_stochastic(bars, k_period, d_period, start):
    """Fast stochastic (TA-Lib STOCHF, SMA %D); both appear once %D is warm; %K is 0 on a flat window."""
    ${fields("high low close")}
    k_out, d_out = empty(len(close)), empty(len(close))
    extremes = TrailingExtremes()
    smooth_d = RollingMean(d_period)
    warm = k_period - 1 + d_period - 1
    for i in range(start + k_period - 1, len(close)):
        extremes.update(high, low, i - k_period + 1, i)
        one_percent = (extremes.highest - extremes.lowest) / 100
        k = (close[i] - extremes.lowest) / one_percent if one_percent != 0 else 0.0
        d = smooth_d.push(k)
        if i - start >= warm:
            k_out[i], d_out[i] = k, d
    return k_out, d_out`,
    call: barsCall("fast_stochastic", "kPeriod", "dPeriod"),
  },
  "indicators.ultosc": {
    name: "ultimate_oscillator",
    helpers: ["empty", "trueRange"],
    code: `def ultimate_oscillator(bars, p1, p2, p3, start):
    """Ultimate Oscillator (TA-Lib ULTOSC): buying pressure over true range in three windows
    (shortest first), weighted 4 : 2 : 1. Each window is primed over its own last period - 1 bars."""
    ${fields("high low close")}
    out = empty(len(close))

    def pressure_at(t):
        # Close minus the true low; a gap (NaN) in the previous close stays a gap, as with Math.min.
        return close[t] - (min(low[t], close[t - 1]) if not math.isnan(close[t - 1]) else NAN)

    def range_at(t):
        return true_range_at(high[t], low[t], close[t - 1])

    pressure1 = pressure2 = pressure3 = range1 = range2 = range3 = 0.0
    for i in range(start + 1, len(close)):
        bar = i - start
        pressure = pressure_at(i)
        price_range = range_at(i)
        if bar < p3:
            if bar > p3 - p1:
                pressure1 += pressure
                range1 += price_range
            if bar > p3 - p2:
                pressure2 += pressure
                range2 += price_range
            pressure3 += pressure
            range3 += price_range
            continue
        pressure1 += pressure
        pressure2 += pressure
        pressure3 += pressure
        range1 += price_range
        range2 += price_range
        range3 += price_range
        total = 0.0
        if not -1e-14 < range1 < 1e-14:
            total += 4 * (pressure1 / range1)
        if not -1e-14 < range2 < 1e-14:
            total += 2 * (pressure2 / range2)
        if not -1e-14 < range3 < 1e-14:
            total += pressure3 / range3
        out[i] = 100 * (total / 7)
        t = i - p1 + 1
        pressure1 -= pressure_at(t)
        range1 -= range_at(t)
        t = i - p2 + 1
        pressure2 -= pressure_at(t)
        range2 -= range_at(t)
        t = i - p3 + 1
        pressure3 -= pressure_at(t)
        range3 -= range_at(t)
    return out`,
    call: ([bars], step) =>
      `ultimate_oscillator(${bars}, ${ultimatePeriods(step).join(", ")}, ${step.step.start})`,
  },
  "indicators.keltner": {
    name: "keltner_channels",
    helpers: ["empty", "ema", "trueRange", "averageTrueRange"],
    code: `def keltner_channels(bars, period, atr_period, multiplier, start):
    """Keltner Channels: an EMA of the close, bands multiplier x ATR away; the middle waits for the ATR."""
    ${fields("high low close")}
    middle = ema(close, period, start).tolist()
    width = average_true_range(high, low, close, atr_period, start).tolist()
    upper, lower = empty(len(close)), empty(len(close))
    for i in range(len(close)):
        band = multiplier * width[i]
        upper[i] = middle[i] + band
        lower[i] = middle[i] - band
        if math.isnan(upper[i]):
            middle[i] = NAN
    return upper, np.array(middle), lower`,
    call: ([bars], step, literal) =>
      `keltner_channels(${bars}, ${step.params.period}, ${step.params.atrPeriod}, ${literal(step.params.multiplier as number)}, ${step.step.start})`,
  },
  "indicators.superTrend": {
    name: "super_trend",
    helpers: ["empty", "trueRange", "averageTrueRange"],
    code: `def super_trend(bars, atr_period, multiplier, start):
    """SuperTrend (TradingView's rules over TA-Lib's ATR): the lower band only rises and the upper only
    falls until the close crosses them; direction +1 up, -1 down, the first bar counting as down."""
    ${fields("high low close")}
    value = average_true_range(high, low, close, atr_period, start)
    ranges = value.tolist()
    direction = empty(len(close))
    upper = lower = 0.0
    up = started = False
    for i in range(start, len(close)):
        price_range = ranges[i]
        if math.isnan(price_range):
            continue
        middle = (high[i] + low[i]) / 2
        basic_upper = middle + multiplier * price_range
        basic_lower = middle - multiplier * price_range
        if not started:
            started = True
            upper = basic_upper
            lower = basic_lower
            up = False
        else:
            previous_close = close[i - 1]
            if basic_lower > lower or previous_close < lower:
                lower = basic_lower
            if basic_upper < upper or previous_close > upper:
                upper = basic_upper
            up = not (close[i] < lower) if up else close[i] > upper
        value[i] = lower if up else upper
        direction[i] = 1.0 if up else -1.0
    return value, direction`,
    call: ([bars], step, literal) =>
      `super_trend(${bars}, ${step.params.atrPeriod}, ${literal(step.params.multiplier as number)}, ${step.step.start})`,
  },
  "indicators.ichimoku": {
    name: "ichimoku",
    helpers: ["empty"],
    code: `def ichimoku(bars, tenkan_period, kijun_period, senkou_b_period, displacement, start):
    """Ichimoku Cloud: tenkan, kijun and senkou B are midpoints of the highest high and lowest low of
    their periods; the senkou spans at a bar are those computed displacement bars earlier (no
    look-ahead); chikou is the close. All five start together once the spans have values."""
    ${fields("high low close")}
    n = len(close)

    def midpoints(period):
        # The channel's extremes are kept by bar and rescanned only when one leaves the window (TA-Lib MAX/MIN).
        out = [NAN] * n
        highest_at, highest, lowest_at, lowest = -1, NAN, -1, NAN
        for i in range(start + period - 1, n):
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
            out[i] = (highest + lowest) / 2
        return out

    tenkan, kijun, span_b = midpoints(tenkan_period), midpoints(kijun_period), midpoints(senkou_b_period)
    tenkan_out, kijun_out, senkou_a_out, senkou_b_out, chikou_out = (empty(n) for _ in range(5))
    for i in range(start + max(tenkan_period, kijun_period, senkou_b_period) - 1 + displacement, n):
        drawn_from = i - displacement
        tenkan_out[i] = tenkan[i]
        kijun_out[i] = kijun[i]
        senkou_a_out[i] = (tenkan[drawn_from] + kijun[drawn_from]) / 2
        senkou_b_out[i] = span_b[drawn_from]
        chikou_out[i] = close[i]
    return tenkan_out, kijun_out, senkou_a_out, senkou_b_out, chikou_out`,
    call: barsCall("ichimoku", "tenkanPeriod", "kijunPeriod", "senkouBPeriod", "displacement"),
  },
  "indicators.vwap": {
    name: "session_vwap",
    helpers: ["empty"],
    code: `def session_vwap(bars, start):
    """Session VWAP: sum of typical price x volume over sum of volume since the last UTC midnight (bars'
    time, epoch ms); the plain mean of the session's typical prices while it has had no volume."""
    ${fields("time high low close volume")}
    out = empty(len(close))
    session = NAN
    price_volume = volume_total = typical_total = 0.0
    bars_in_session = 0
    for i in range(start, len(close)):
        day = math.floor(time[i] / DAY_MS)
        if day != session:
            session = day
            price_volume = volume_total = typical_total = 0.0
            bars_in_session = 0
        typical = (high[i] + low[i] + close[i]) / 3
        price_volume += typical * volume[i]
        volume_total += volume[i]
        typical_total += typical
        bars_in_session += 1
        out[i] = price_volume / volume_total if volume_total > 0 else typical_total / bars_in_session
    return out`,
    call: barsCall("session_vwap"),
  },
  "indicators.heikinAshi": {
    name: "heikin_ashi",
    helpers: ["empty"],
    code: `def heikin_ashi(bars, start):
    """Heikin-Ashi candles: close = mean of the bar's OHLC, open = midpoint of the previous HA open and
    close (the first bar's: of its open and close), high and low stretched to the HA open and close."""
    ${fields("open high low close")}
    n = len(close)
    ha_open, ha_high, ha_low, ha_close = (empty(n) for _ in range(4))
    previous_open = previous_close = NAN
    for i in range(start, n):
        o = (open[i] + close[i]) / 2 if i == start else (previous_open + previous_close) / 2
        c = (open[i] + high[i] + low[i] + close[i]) / 4
        ha_open[i] = o
        ha_close[i] = c
        # A gap (NaN) in o or c is NaN in high and low too, as JavaScript's Math.max and Math.min give.
        gap = math.isnan(o) or math.isnan(c)
        ha_high[i] = NAN if gap else max(high[i], o, c)
        ha_low[i] = NAN if gap else min(low[i], o, c)
        previous_open = o
        previous_close = c
    return ha_open, ha_high, ha_low, ha_close`,
    call: barsCall("heikin_ashi"),
  },
};
