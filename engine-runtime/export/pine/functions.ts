/**
 * Pine functions for the nodes whose `ta.*` counterpart seeds, warms up or breaks ties differently
 * from Strata's kernel, or whose handling of a partly empty window is not pinned down (ta.rma):
 * each is the kernel written bar by bar with `var` state, the same
 * operations in the same order. A function starts on the first bar its source has a value (the
 * bar where Strata's step starts when the source's warm-up ends with a value), so inputs changed on
 * TradingView move every later start with them. Lengths are `simple int` because ta.* calls need them.
 */
interface PineFunction {
  code: string;
  /** Functions this one calls: they are written before it. */
  uses?: string[];
}

export const PINE_FUNCTIONS: Record<string, PineFunction> = {
  strataEma: {
    code: `// EMA seeded with the SMA of its first period values (TA-Lib), not with the first value.
strataEma(float source, simple int period) =>
    var int seen = 0
    var float seedSum = 0.0
    var float value = na
    if seen > 0 or not na(source)
        seen += 1
        if seen < period
            seedSum += source
        else if seen == period
            value := (seedSum + source) / period
        else
            value := (source - value) * (2.0 / (period + 1)) + value
    value`,
  },
  strataRma: {
    code: `// Wilder's average seeded with the SMA of its first period values (TA-Lib), in TA-Lib's order.
strataRma(float source, simple int period) =>
    var int seen = 0
    var float seedSum = 0.0
    var float value = na
    if seen > 0 or not na(source)
        seen += 1
        if seen < period
            seedSum += source
        else if seen == period
            value := (seedSum + source) / period
        else
            value := (value * (period - 1) + source) / period
    value`,
  },
  strataDema: {
    uses: ["strataEma"],
    code: `// DEMA: the second EMA starts where the first has its first value, as in TA-Lib.
strataDema(float source, simple int period) =>
    first = strataEma(source, period)
    2.0 * first - strataEma(first, period)`,
  },
  strataTema: {
    uses: ["strataEma"],
    code: `// TEMA in TA-Lib's order of operations: e3 + (3 e1 - 3 e2).
strataTema(float source, simple int period) =>
    e1 = strataEma(source, period)
    e2 = strataEma(e1, period)
    e3 = strataEma(e2, period)
    e3 + (3.0 * e1 - 3.0 * e2)`,
  },
  strataT3: {
    uses: ["strataEma"],
    code: `// Tillson's T3: six chained EMAs, each seeded with the mean of its first period inputs (TA-Lib).
strataT3(float source, simple int period, float volumeFactor) =>
    e1 = strataEma(source, period)
    e2 = strataEma(e1, period)
    e3 = strataEma(e2, period)
    e4 = strataEma(e3, period)
    e5 = strataEma(e4, period)
    e6 = strataEma(e5, period)
    v2 = volumeFactor * volumeFactor
    c1 = -(v2 * volumeFactor)
    c2 = 3.0 * (v2 - c1)
    c3 = -6.0 * v2 - 3.0 * (volumeFactor - c1)
    c4 = 1.0 + 3.0 * volumeFactor - c1 + 3.0 * v2
    c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3`,
  },
  strataTrima: {
    code: `// TRIMA (TA-Lib): an SMA of an SMA whose lengths give the triangle weights 1, 2, ..., 2, 1.
strataTrima(float source, simple int period) =>
    half = math.floor(period / 2)
    inner = period % 2 == 1 ? half + 1 : half
    ta.sma(ta.sma(source, inner), half + 1)`,
  },
  strataKama: {
    code: `// Kaufman's adaptive average as TA-Lib computes it: the first value starts from the bar before.
strataKama(float source, simple int period) =>
    var bool started = false
    var float value = na
    volatility = math.sum(math.abs(source - source[1]), period)
    change = source - source[period]
    if started or (not na(volatility) and not na(change))
        previous = started ? value : source[1]
        started := true
        efficiency = volatility <= change or math.abs(volatility) < 1e-14 ? 1.0 : math.abs(change / volatility)
        smoothing = efficiency * (2.0 / 3.0 - 2.0 / 31.0) + 2.0 / 31.0
        value := (source - previous) * (smoothing * smoothing) + previous
    value`,
  },
  strataStreak: {
    code: `// 1 once the source rose (or fell) on each of the last bars, 0 otherwise; empty across a gap.
strataStreak(float source, simple int bars, bool upward) =>
    var int seen = 0
    var int run = 0
    if seen > 0 or not na(source)
        seen += 1
    both = not na(source) and not na(source[1])
    if seen >= 2
        run := both and (upward ? source > source[1] : source < source[1]) ? run + 1 : 0
    seen > bars and both ? (run >= bars ? 1.0 : 0.0) : na`,
  },
  strataTrueForBars: {
    code: `// 1 once the condition held on each of the last bars; an empty condition ends the run.
strataTrueForBars(float condition, simple int bars) =>
    var int seen = 0
    var int run = 0
    if seen > 0 or not na(condition)
        seen += 1
    run := not na(condition) and condition == 1 ? run + 1 : 0
    seen >= bars and not na(condition) ? (run >= bars ? 1.0 : 0.0) : na`,
  },
  strataPercentRank: {
    code: `// Percent of the previous period values at or below this one; empty while the window has a gap.
strataPercentRank(float source, simple int period) =>
    float rank = na
    if not na(source)
        int atOrBelow = 0
        bool gap = false
        for back = 1 to period
            if na(source[back])
                gap := true
            else if source[back] <= source
                atOrBelow += 1
        rank := gap ? na : (float(atOrBelow) / period) * 100
    rank`,
  },
  strataExtremeAge: {
    code: `// Bars since the highest (or lowest) value of the last length bars; the latest bar wins a tie.
strataExtremeAge(float source, simple int length, bool highest) =>
    int at = 0
    for back = 1 to length - 1
        if highest ? source[back] > source[at] : source[back] < source[at]
            at := back
    at`,
  },
  strataMoneyFlow: {
    code: `// The bar's money flow volume: where the close sits in the range (-1 to +1) times volume.
strataMoneyFlow() =>
    high - low > 0 ? ((close - low - (high - close)) / (high - low)) * volume : 0.0`,
  },
  strataAdosc: {
    uses: ["strataMoneyFlow"],
    code: `// Chaikin A/D oscillator (TA-Lib): EMAs of the A/D line seeded with its first value.
strataAdosc(simple int fastPeriod, simple int slowPeriod) =>
    var float line = 0.0
    var float fast = 0.0
    var float slow = 0.0
    line += strataMoneyFlow()
    if bar_index == 0
        fast := line
        slow := line
    else
        fast := 2.0 / (fastPeriod + 1) * line + (1 - 2.0 / (fastPeriod + 1)) * fast
        slow := 2.0 / (slowPeriod + 1) * line + (1 - 2.0 / (slowPeriod + 1)) * slow
    bar_index >= math.max(fastPeriod, slowPeriod) - 1 ? fast - slow : na`,
  },
  strataAdx: {
    code: `// Wilder's ADX, +DI and -DI seeded as TA-Lib seeds them (sums of the first period - 1 moves).
strataAdx(simple int period) =>
    var float plusDm = 0.0
    var float minusDm = 0.0
    var float rangeSum = 0.0
    var float sumDx = 0.0
    var float average = 0.0
    float adx = na
    float plusDi = na
    float minusDi = na
    tr = ta.tr(false)
    if bar_index >= 1
        up = high - high[1]
        down = low[1] - low
        if bar_index >= period
            minusDm -= minusDm / period
            plusDm -= plusDm / period
        if down > 0 and up < down
            minusDm += down
        else if up > 0 and up > down
            plusDm += up
        if bar_index < period
            rangeSum += tr
        else
            rangeSum := rangeSum - rangeSum / period + tr
            float dx = na
            if math.abs(rangeSum) < 1e-14
                plusDi := 0.0
                minusDi := 0.0
            else
                minusDi := 100 * (minusDm / rangeSum)
                plusDi := 100 * (plusDm / rangeSum)
                total = minusDi + plusDi
                if math.abs(total) >= 1e-14
                    dx := 100 * (math.abs(minusDi - plusDi) / total)
            if bar_index <= 2 * period - 1
                if not na(dx)
                    sumDx += dx
                if bar_index == 2 * period - 1
                    average := sumDx / period
                    adx := average
            else
                if not na(dx)
                    average := (average * (period - 1) + dx) / period
                adx := average
    [adx, plusDi, minusDi]`,
  },
  strataSar: {
    code: `// Wilder's parabolic SAR as TA-Lib starts it: the direction from the first two bars.
strataSar(float acceleration, float maximum) =>
    var bool isLong = true
    var float factor = 0.0
    var float extreme = 0.0
    var float stop = 0.0
    float result = na
    step = math.min(acceleration, maximum)
    if bar_index >= 1
        previousHigh = high[1]
        previousLow = low[1]
        if bar_index == 1
            fall = previousLow - low
            isLong := not (fall > 0 and high - previousHigh < fall)
            factor := step
            extreme := isLong ? high : low
            stop := isLong ? previousLow : previousHigh
            // TA-Lib compares the first bar against itself, not against the bar before it.
            previousHigh := high
            previousLow := low
        if isLong
            if low <= stop
                isLong := false
                stop := math.max(extreme, previousHigh, high)
                result := stop
                factor := step
                extreme := low
                stop := math.max(stop + factor * (extreme - stop), previousHigh, high)
            else
                result := stop
                if high > extreme
                    extreme := high
                    factor := math.min(factor + step, maximum)
                stop := math.min(stop + factor * (extreme - stop), previousLow, low)
        else if high >= stop
            isLong := true
            stop := math.min(extreme, previousLow, low)
            result := stop
            factor := step
            extreme := high
            stop := math.min(stop + factor * (extreme - stop), previousLow, low)
        else
            result := stop
            if low < extreme
                extreme := low
                factor := math.min(factor + step, maximum)
            stop := math.max(stop + factor * (extreme - stop), previousHigh, high)
    result`,
  },
  strataSuperTrend: {
    uses: ["strataRma"],
    code: `// SuperTrend on TA-Lib's ATR: bands at the bar's midpoint -/+ multiplier x ATR that only tighten.
strataSuperTrend(simple int atrPeriod, float multiplier) =>
    var float upper = 0.0
    var float lower = 0.0
    var bool up = false
    var bool started = false
    float value = na
    float direction = na
    atr = strataRma(ta.tr(false), atrPeriod)
    if not na(atr)
        middle = (high + low) / 2
        basicUpper = middle + multiplier * atr
        basicLower = middle - multiplier * atr
        if not started
            started := true
            upper := basicUpper
            lower := basicLower
            up := false
        else
            if basicLower > lower or close[1] < lower
                lower := basicLower
            if basicUpper < upper or close[1] > upper
                upper := basicUpper
            up := up ? not (close < lower) : close > upper
        value := up ? lower : upper
        direction := up ? 1 : -1
    [value, direction]`,
  },
  strataVwap: {
    code: `// Session VWAP restarting at each UTC midnight; the mean typical price while a session has no volume.
strataVwap() =>
    var float session = na
    var float priceVolume = 0.0
    var float volumeTotal = 0.0
    var float typicalTotal = 0.0
    var int barsInSession = 0
    day = math.floor(time / 86400000)
    if na(session) or day != session
        session := day
        priceVolume := 0.0
        volumeTotal := 0.0
        typicalTotal := 0.0
        barsInSession := 0
    typical = (high + low + close) / 3
    priceVolume += typical * volume
    volumeTotal += volume
    typicalTotal += typical
    barsInSession += 1
    volumeTotal > 0 ? priceVolume / volumeTotal : typicalTotal / barsInSession`,
  },
  strataHeikinAshi: {
    code: `// Heikin-Ashi candles; the first bar's open is (open + close) / 2.
strataHeikinAshi() =>
    var float previousOpen = na
    var float previousClose = na
    haOpen = bar_index == 0 ? (open + close) / 2 : (previousOpen + previousClose) / 2
    haClose = (open + high + low + close) / 4
    previousOpen := haOpen
    previousClose := haClose
    [haOpen, math.max(high, haOpen, haClose), math.min(low, haOpen, haClose), haClose]`,
  },
  strataHigherTimeframe: {
    code: `// The last FINISHED bucket of length ms counted from offset (UTC), never the one still forming.
strataHigherTimeframe(int length, int offset) =>
    var float bucket = na
    var float bucketOpen = na
    var float bucketHigh = na
    var float bucketLow = na
    var float bucketClose = na
    var float bucketVolume = na
    var float doneTime = na
    var float doneOpen = na
    var float doneHigh = na
    var float doneLow = na
    var float doneClose = na
    var float doneVolume = na
    at = math.floor((time - offset) / length) * length + offset
    if not na(bucket) and at == bucket
        if high > bucketHigh
            bucketHigh := high
        if low < bucketLow
            bucketLow := low
        bucketClose := close
        bucketVolume += volume
    else
        if not na(bucket)
            doneTime := bucket
            doneOpen := bucketOpen
            doneHigh := bucketHigh
            doneLow := bucketLow
            doneClose := bucketClose
            doneVolume := bucketVolume
        bucket := at
        bucketOpen := open
        bucketHigh := high
        bucketLow := low
        bucketClose := close
        bucketVolume := volume
    [doneTime, doneOpen, doneHigh, doneLow, doneClose, doneVolume]`,
  },
  strataPivotPoints: {
    code: `// Classic floor pivots from the last finished UTC day's high, low and close.
strataPivotPoints() =>
    var float day = na
    var float dayHigh = na
    var float dayLow = na
    var float dayClose = na
    var float h = na
    var float l = na
    var float c = na
    today = math.floor(time / 86400000)
    if not na(day) and today == day
        if high > dayHigh
            dayHigh := high
        if low < dayLow
            dayLow := low
        dayClose := close
    else
        if not na(day)
            h := dayHigh
            l := dayLow
            c := dayClose
        day := today
        dayHigh := high
        dayLow := low
        dayClose := close
    p = (h + l + c) / 3
    [p, 2 * p - l, p + (h - l), h + 2 * (p - l), 2 * p - h, p - (h - l), l - 2 * (h - p)]`,
  },
  strataZigzag: {
    code: `// The last confirmed swing and its direction (+1 high, -1 low); it never repaints.
strataZigzag(float deviation) =>
    var int watching = 0
    var float candidateHigh = na
    var int candidateHighAt = -1
    var float candidateLow = na
    var int candidateLowAt = -1
    var float swing = na
    var float direction = na
    down = 1 - deviation / 100
    up = 1 + deviation / 100
    if not na(high) and not na(low)
        // A new extreme (or the first bar) moves the candidate and confirms nothing on this bar.
        newHigh = watching != -1 and (na(candidateHigh) or high > candidateHigh)
        newLow = watching != 1 and (na(candidateLow) or low < candidateLow)
        if newHigh
            candidateHigh := high
            candidateHighAt := bar_index
        if newLow
            candidateLow := low
            candidateLowAt := bar_index
        highConfirmed = watching != -1 and not newHigh and low <= candidateHigh * down
        lowConfirmed = watching != 1 and not newLow and high >= candidateLow * up
        // Watching both (before the first swing), the older extreme is confirmed first.
        if highConfirmed and (not lowConfirmed or candidateHighAt <= candidateLowAt)
            swing := candidateHigh
            direction := 1
            watching := -1
            // The earliest lowest low since the high, this bar included.
            int at = 0
            span = bar_index - candidateHighAt - 1
            if span >= 1
                for back = 1 to span
                    if low[back] <= low[at]
                        at := back
            candidateLowAt := bar_index - at
            candidateLow := low[at]
        else if lowConfirmed
            swing := candidateLow
            direction := -1
            watching := 1
            int at = 0
            span = bar_index - candidateLowAt - 1
            if span >= 1
                for back = 1 to span
                    if high[back] >= high[at]
                        at := back
            candidateHighAt := bar_index - at
            candidateHigh := high[at]
    [swing, direction]`,
  },
  strataFibonacci: {
    uses: ["strataExtremeAge"],
    code: `// The swing of the last window bars and its retracement levels, measured from the later extreme.
strataFibonacci(simple int window) =>
    float swingHigh = na
    float swingLow = na
    float level236 = na
    float level382 = na
    float level500 = na
    float level618 = na
    float level786 = na
    highAge = strataExtremeAge(high, window, true)
    lowAge = strataExtremeAge(low, window, false)
    if bar_index >= window - 1
        swingHigh := high[highAge]
        swingLow := low[lowAge]
        // An up-swing (the high is as recent as the low or more) is measured from the high down.
        upSwing = highAge <= lowAge
        span = upSwing ? swingLow - swingHigh : swingHigh - swingLow
        base = upSwing ? swingHigh : swingLow
        level236 := base + 0.236 * span
        level382 := base + 0.382 * span
        level500 := base + 0.5 * span
        level618 := base + 0.618 * span
        level786 := base + 0.786 * span
    [swingHigh, swingLow, level236, level382, level500, level618, level786]`,
  },
  strataRegimeBucket: {
    code: `// The bucket of a return between the cut points; a return on a cut goes to the upper bucket.
strataRegimeBucket(array<float> cuts, float value) =>
    int bucket = 0
    while bucket < array.size(cuts) and value >= array.get(cuts, bucket)
        bucket += 1
    bucket`,
  },
  strataMarkovRegime: {
    uses: ["strataRegimeBucket"],
    code: `// Markov regime of the last window close-to-close returns: state, likeliest next state, its probability.
strataMarkovRegime(float source, simple int states, simple int window) =>
    var returns = array.new_float(0)
    array.push(returns, not na(source[1]) and source[1] > 0 ? source / source[1] - 1 : na)
    if array.size(returns) > window
        array.shift(returns)
    float state = na
    float nextState = na
    float probability = na
    bool full = array.size(returns) == window
    if full
        for j = 0 to window - 1
            if na(array.get(returns, j))
                full := false
    if full
        sorted = array.copy(returns)
        array.sort(sorted, order.ascending)
        cuts = array.new_float(0)
        for j = 1 to states - 1
            array.push(cuts, array.get(sorted, int(math.floor(j * window / states))))
        counts = array.new_float(states * states, 0.0)
        previous = strataRegimeBucket(cuts, array.get(returns, 0))
        for m = 1 to window - 1
            current = strataRegimeBucket(cuts, array.get(returns, m))
            array.set(counts, previous * states + current, array.get(counts, previous * states + current) + 1)
            previous := current
        int best = 0
        float rowTotal = 0.0
        for j = 0 to states - 1
            count = array.get(counts, previous * states + j)
            rowTotal += count
            if count > array.get(counts, previous * states + best)
                best := j
        state := previous
        nextState := best
        probability := (array.get(counts, previous * states + best) + 1) / (rowTotal + states)
    [state, nextState, probability]`,
  },
};

/** The function names, so no strategy variable takes one. */
export const PINE_FUNCTION_NAMES = Object.keys(PINE_FUNCTIONS);
