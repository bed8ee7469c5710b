import type { MovingAverageType } from "@/nodes/indicators/apo/moving-average-type";
import type { StepInfo } from "../shared/model";
import { literal, type PineContext, type PineOp } from "./context";

/**
 * Pine for the indicators, patterns and math and logic ops beyond the first set. `ta.*` is used
 * where TradingView's definition is the node's: ta.tr(false) (no true range on the first bar),
 * ta.wma, ta.dev (mean absolute deviation), ta.linreg (least-squares end point),
 * ta.barssince; window sums are math.sum. Where seeding, flat-window answers or ties differ, the
 * kernel is written out (PINE_FUNCTIONS). Windows on a series wait for a full window of values
 * explicitly (`na(x[period - 1])`), whatever a built-in does with a partly empty window.
 */

/** Wilder's RSI or CMO from Wilder's averages of the gains and losses (TA-Lib's seeding); 0 without movement. */
export function wilderLines(
  x: string,
  period: string,
  value: string,
  c: PineContext,
  balance: "rsi" | "cmo",
): string[] {
  const [up, down] = [c.temp([value, "gain"]), c.temp([value, "loss"])];
  const ratio = balance === "rsi" ? `${up} / (${up} + ${down})` : `(${up} - ${down}) / (${up} + ${down})`;
  const rma = c.use("strataRma");
  const moved = `na(${x}) or na(${x}[1]) ? na`;
  return [
    `${up} = ${rma}(${moved} : math.max(${x} - ${x}[1], 0), ${period})`,
    `${down} = ${rma}(${moved} : math.max(${x}[1] - ${x}, 0), ${period})`,
    "// A window without any movement reads 0, as in TA-Lib (ta.rsi and ta.cmo differ).",
    `${value} = na(${up}) or na(${down}) ? na : ${up} + ${down} < 1e-14 ? 0.0 : 100 * (${ratio})`,
  ];
}

/** TA-Lib's ATR: Wilder's average of the true range, which has no value on the first bar. */
export const atrOf = (period: string, c: PineContext) => `${c.use("strataRma")}(ta.tr(false), ${period})`;

/** The moving average a maType param picks, as one expression. */
export function movingAverage(type: MovingAverageType, x: string, period: string, c: PineContext): string {
  switch (type) {
    case "sma":
      return `ta.sma(${x}, ${period})`;
    case "wma":
      return `ta.wma(${x}, ${period})`;
    case "ema":
      return `${c.use("strataEma")}(${x}, ${period})`;
    case "dema":
      return `${c.use("strataDema")}(${x}, ${period})`;
    case "tema":
      return `${c.use("strataTema")}(${x}, ${period})`;
    case "trima":
      return `${c.use("strataTrima")}(${x}, ${period})`;
    case "kama":
      return `${c.use("strataKama")}(${x}, ${period})`;
    case "t3":
      // The MA-type T3 uses TA-Lib's volume factor 0.7.
      return `${c.use("strataT3")}(${x}, ${period}, 0.7)`;
  }
}

/** Fast and slow average of a price oscillator: the shorter period is the fast one, as in TA-Lib. */
function oscillatorAverages(
  x: string,
  step: StepInfo,
  out: string,
  c: PineContext,
): [string, string, string[]] {
  const [a, b] = [c.input(step, "fastPeriod", "int"), c.input(step, "slowPeriod", "int")];
  const [fast, slow] = [c.temp([out, "fast"]), c.temp([out, "slow"])];
  const type = step.params.maType as MovingAverageType;
  return [
    fast,
    slow,
    [
      `${fast} = ${movingAverage(type, x, `math.min(${a}, ${b})`, c)}`,
      `${slow} = ${movingAverage(type, x, `math.max(${a}, ${b})`, c)}`,
    ],
  ];
}

/** The running sums of a population variance over a window, TA-Lib's formula (mean of squares - squared mean). */
function varianceLines(x: string, period: string, out: string, c: PineContext): [string, string, string[]] {
  const [mean, variance] = [c.temp([out, "mean"]), c.temp([out, "variance"])];
  return [
    mean,
    variance,
    [
      `${mean} = math.sum(${x}, ${period}) / ${period}`,
      `${variance} = math.sum(${x} * ${x}, ${period}) / ${period} - ${mean} * ${mean}`,
    ],
  ];
}

/** %K of a window: where the value sits in the range, 0 to 100; 0 on a flat window, as in TA-Lib. */
const percentK = (value: string, highest: string, lowest: string) =>
  `${highest} - ${lowest} != 0 ? (${value} - ${lowest}) / ((${highest} - ${lowest}) / 100) : 0.0`;

/** %K and %D: %D is the SMA of %K, and %K shows only once %D has a value, as in the engine. */
function stochasticLines(
  value: string,
  ready: string,
  highest: string,
  lowest: string,
  step: StepInfo,
  [k, d]: string[],
  c: PineContext,
): string[] {
  const raw = c.temp([k, "raw"]);
  return [
    `${raw} = ${ready} ? ${percentK(value, highest, lowest)} : na`,
    `${d} = ta.sma(${raw}, ${c.input(step, "dPeriod", "int")})`,
    `${k} = na(${d}) ? na : ${raw}`,
  ];
}

const call =
  (name: string, ...params: [string, "int" | "float"][]): PineOp =>
  (args, step, outs, c) => {
    const values = [...args, ...params.map(([param, kind]) => c.input(step, param, kind))];
    const target = outs.length === 1 ? outs[0] : `[${outs.join(", ")}]`;
    return [`${target} = ${c.use(name)}(${values.join(", ")})`];
  };

export const PINE_MORE_OPS: Record<string, PineOp> = {
  "indicators.stdDev": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    const [, variance, lines] = varianceLines(x, period, v, c);
    return [
      ...lines,
      "// A variance under 1e-14 reads 0, as in TA-Lib.",
      `${v} = na(${variance}) ? na : ${variance} < 1e-14 ? 0.0 : math.sqrt(${variance}) * ${c.input(step, "deviations", "float")}`,
    ];
  },
  "math.rollingMean": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    return [`${v} = math.sum(${x}, ${period}) / ${period}`];
  },
  "math.rollingStdev": ([x], step, [v], c) => {
    const [, variance, lines] = varianceLines(x, c.input(step, "period", "int"), v, c);
    return [...lines, `${v} = na(${variance}) ? na : ${variance} > 0 ? math.sqrt(${variance}) : 0.0`];
  },
  "math.zScore": ([x], step, [v], c) => {
    const [mean, variance, lines] = varianceLines(x, c.input(step, "period", "int"), v, c);
    return [
      ...lines,
      `${v} = na(${variance}) or ${variance} <= 0 ? na : (${x} - ${mean}) / math.sqrt(${variance})`,
    ];
  },
  "math.percentRank": call("strataPercentRank", ["period", "int"]),
  "math.clamp": ([x, lo, hi], _s, [v]) => [
    `${v} = na(${x}) or na(${lo}) or na(${hi}) or ${lo} > ${hi} ? na : math.min(math.max(${x}, ${lo}), ${hi})`,
  ],
  "math.round": ([x], step, [v]) => {
    const scale = literal(10 ** (step.params.decimals as number));
    return ["// Halves round up, as in the engine.", `${v} = math.floor(${x} * ${scale} + 0.5) / ${scale}`];
  },
  "logic.rising": ([x], step, [v], c) => [
    `${v} = ${c.use("strataStreak")}(${x}, ${c.input(step, "bars", "int")}, true)`,
  ],
  "logic.falling": ([x], step, [v], c) => [
    `${v} = ${c.use("strataStreak")}(${x}, ${c.input(step, "bars", "int")}, false)`,
  ],
  "logic.trueForBars": call("strataTrueForBars", ["bars", "int"]),
  "logic.barsSince": ([condition], _s, [v]) => [
    `${v} = ta.barssince(not na(${condition}) and ${condition} == 1)`,
  ],
  "logic.countInWindow": ([condition], step, [v], c) => [
    `${v} = math.sum(${condition}, ${c.input(step, "period", "int")})`,
  ],
  "indicators.natr": (_args, step, [v], c) => {
    const atr = c.temp([v, "atr"]);
    return [
      `${atr} = ${atrOf(c.input(step, "period", "int"), c)}`,
      `${v} = na(${atr}) ? na : close > -1e-14 and close < 1e-14 ? 0.0 : ${atr} / close * 100`,
    ];
  },
  "indicators.obv": (_args, _s, [v]) => [
    `var float ${v} = na`,
    `${v} := bar_index == 0 ? volume : close > close[1] ? ${v} + volume : close < close[1] ? ${v} - volume : ${v}`,
  ],
  "indicators.ad": (_args, _s, [v], c) => [
    `var float ${v} = 0.0`,
    `${v} := ${v} + ${c.use("strataMoneyFlow")}()`,
  ],
  "indicators.adosc": call("strataAdosc", ["fastPeriod", "int"], ["slowPeriod", "int"]),
  "indicators.cmf": (_args, step, [v], c) => {
    const period = c.input(step, "period", "int");
    const [flow, volumeSum] = [c.temp([v, "flow"]), c.temp([v, "volume"])];
    return [
      `${flow} = math.sum(${c.use("strataMoneyFlow")}(), ${period})`,
      `${volumeSum} = math.sum(volume, ${period})`,
      `${v} = na(${volumeSum}) ? na : ${volumeSum} != 0 ? ${flow} / ${volumeSum} : 0.0`,
    ];
  },
  "indicators.mfi": (_args, step, [v], c) => {
    const period = c.input(step, "period", "int");
    const [typical, change] = [c.temp([v, "typical"]), c.temp([v, "change"])];
    const [positive, negative] = [c.temp([v, "positive"]), c.temp([v, "negative"])];
    return [
      `${typical} = (high + low + close) / 3`,
      `${change} = ${typical} - ${typical}[1]`,
      `${positive} = math.sum(na(${change}) ? na : ${change} > 0 ? ${typical} * volume : 0.0, ${period})`,
      `${negative} = math.sum(na(${change}) ? na : ${change} < 0 ? ${typical} * volume : 0.0, ${period})`,
      "// Unlike ta.mfi, a window with almost no money flow reads 0, as in TA-Lib.",
      `${v} = na(${positive}) or na(${negative}) ? na : ${positive} + ${negative} < 1 ? 0.0 : 100 * (${positive} / (${positive} + ${negative}))`,
    ];
  },
  "indicators.cci": (_args, step, [v], c) => {
    const period = c.input(step, "period", "int");
    const [distance, deviation] = [c.temp([v, "distance"]), c.temp([v, "deviation"])];
    return [
      `${distance} = hlc3 - ta.sma(hlc3, ${period})`,
      `${deviation} = ta.dev(hlc3, ${period})`,
      "// Unlike ta.cci, a flat window reads 0, as in TA-Lib.",
      `${v} = na(${deviation}) ? na : ${distance} != 0 and ${deviation} != 0 ? ${distance} / (0.015 * ${deviation}) : 0.0`,
    ];
  },
  "indicators.cmo": ([x], step, [v], c) => wilderLines(x, c.input(step, "period", "int"), v, c, "cmo"),
  "indicators.dema": call("strataDema", ["period", "int"]),
  "indicators.tema": call("strataTema", ["period", "int"]),
  "indicators.trima": call("strataTrima", ["period", "int"]),
  "indicators.kama": call("strataKama", ["period", "int"]),
  "indicators.t3": call("strataT3", ["period", "int"], ["volumeFactor", "float"]),
  "indicators.hma": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    return [
      "// Unlike ta.hma, the last WMA spans floor(sqrt(period)) bars, as Alan Hull defined it.",
      `${v} = ta.wma(2 * ta.wma(${x}, math.floor(${period} / 2)) - ta.wma(${x}, ${period}), math.floor(math.sqrt(${period})))`,
    ];
  },
  "indicators.trix": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    const ema = c.use("strataEma");
    const smoothed = c.temp([v, "smoothed"]);
    return [
      `${smoothed} = ${ema}(${ema}(${ema}(${x}, ${period}), ${period}), ${period})`,
      `${v} = na(${smoothed}) or na(${smoothed}[1]) ? na : ${smoothed}[1] != 0 ? (${smoothed} / ${smoothed}[1] - 1) * 100 : 0.0`,
    ];
  },
  "indicators.apo": ([x], step, [v], c) => {
    const [fast, slow, lines] = oscillatorAverages(x, step, v, c);
    return [...lines, `${v} = ${fast} - ${slow}`];
  },
  "indicators.ppo": ([x], step, [v], c) => {
    const [fast, slow, lines] = oscillatorAverages(x, step, v, c);
    return [
      ...lines,
      `${v} = na(${slow}) ? na : ${slow} > -1e-14 and ${slow} < 1e-14 ? 0.0 : (${fast} - ${slow}) / ${slow} * 100`,
    ];
  },
  "indicators.linearReg": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    const line = c.temp([v, "line"]);
    return [`${line} = ta.linreg(${x}, ${period}, 0)`, `${v} = na(${x}[${period} - 1]) ? na : ${line}`];
  },
  "indicators.linearRegSlope": ([x], step, [v], c) => {
    const period = c.input(step, "period", "int");
    const slope = c.temp([v, "line"]);
    return [
      "// The line's rise per bar: its end point minus its value one bar earlier.",
      `${slope} = ta.linreg(${x}, ${period}, 0) - ta.linreg(${x}, ${period}, 1)`,
      `${v} = na(${x}[${period} - 1]) ? na : ${slope}`,
    ];
  },
  "indicators.adx": call("strataAdx", ["period", "int"]),
  "indicators.aroon": (_args, step, [up, down], c) => {
    const period = c.input(step, "period", "int");
    const age = c.use("strataExtremeAge");
    const [highAge, lowAge] = [c.temp([up, "age"]), c.temp([down, "age"])];
    return [
      "// Over period + 1 bars; the latest bar wins a tie, as in TA-Lib.",
      `${highAge} = ${age}(high, ${period} + 1, true)`,
      `${lowAge} = ${age}(low, ${period} + 1, false)`,
      `${up} = bar_index >= ${period} ? 100.0 / ${period} * (${period} - ${highAge}) : na`,
      `${down} = bar_index >= ${period} ? 100.0 / ${period} * (${period} - ${lowAge}) : na`,
    ];
  },
  "indicators.aroonOsc": (_args, step, [v], c) => {
    const period = c.input(step, "period", "int");
    const age = c.use("strataExtremeAge");
    const [highAge, lowAge] = [c.temp([v, "high", "age"]), c.temp([v, "low", "age"])];
    return [
      `${highAge} = ${age}(high, ${period} + 1, true)`,
      `${lowAge} = ${age}(low, ${period} + 1, false)`,
      `${v} = bar_index >= ${period} ? 100.0 / ${period} * (${lowAge} - ${highAge}) : na`,
    ];
  },
  "indicators.sar": call("strataSar", ["acceleration", "float"], ["maximum", "float"]),
  "indicators.stochf": (_args, step, outs, c) => {
    const period = c.input(step, "kPeriod", "int");
    const [highest, lowest] = [c.temp([outs[0], "highest"]), c.temp([outs[0], "lowest"])];
    return [
      `${highest} = ta.highest(high, ${period})`,
      `${lowest} = ta.lowest(low, ${period})`,
      ...stochasticLines("close", `bar_index >= ${period} - 1`, highest, lowest, step, outs, c),
    ];
  },
  "indicators.stochRsi": ([x], step, outs, c) => {
    const rsi = c.temp([outs[0], "rsi"]);
    const period = c.input(step, "kPeriod", "int");
    const [highest, lowest] = [c.temp([outs[0], "highest"]), c.temp([outs[0], "lowest"])];
    return [
      ...wilderLines(x, c.input(step, "period", "int"), rsi, c, "rsi"),
      `${highest} = ta.highest(${rsi}, ${period})`,
      `${lowest} = ta.lowest(${rsi}, ${period})`,
      ...stochasticLines(rsi, `not na(${rsi}[${period} - 1])`, highest, lowest, step, outs, c),
    ];
  },
  "indicators.ultosc": (_args, step, [v], c) => {
    const periods = ["shortPeriod", "mediumPeriod", "longPeriod"].map((param) => c.input(step, param, "int"));
    const [short, medium, long] = ["short", "medium", "long"].map((part) => c.temp([v, part]));
    const [pressure, range] = [c.temp([v, "pressure"]), c.temp([v, "range"])];
    const ratio = (window: string, weight: string) => {
      const [p, r] = [`math.sum(${pressure}, ${window})`, `math.sum(${range}, ${window})`];
      return `(math.abs(${r}) < 1e-14 ? 0.0 : ${weight}(${p} / ${r}))`;
    };
    return [
      "// The periods are sorted first, so the shortest always gets weight 4.",
      `${short} = math.min(${periods.join(", ")})`,
      `${long} = math.max(${periods.join(", ")})`,
      `${medium} = ${periods.join(" + ")} - ${short} - ${long}`,
      `${pressure} = close - math.min(low, close[1])`,
      `${range} = ta.tr(false)`,
      `${v} = bar_index < ${long} ? na : 100 * ((${ratio(short, "4 * ")} + ${ratio(medium, "2 * ")} + ${ratio(long, "")}) / 7)`,
    ];
  },
  "indicators.keltner": (_args, step, [upper, middle, lower], c) => {
    const [average, width] = [c.temp([middle, "average"]), c.temp([middle, "width"])];
    return [
      `${average} = ${c.use("strataEma")}(close, ${c.input(step, "period", "int")})`,
      `${width} = ${c.input(step, "multiplier", "float")} * ${atrOf(c.input(step, "atrPeriod", "int"), c)}`,
      `${upper} = ${average} + ${width}`,
      `${lower} = ${average} - ${width}`,
      `${middle} = na(${upper}) ? na : ${average}`,
    ];
  },
  "indicators.superTrend": call("strataSuperTrend", ["atrPeriod", "int"], ["multiplier", "float"]),
  "indicators.vwap": call("strataVwap"),
  "indicators.heikinAshi": call("strataHeikinAshi"),
  "indicators.ichimoku": (_args, step, [tenkan, kijun, senkouA, senkouB, chikou], c) => {
    const [t, k, s, d] = ["tenkanPeriod", "kijunPeriod", "senkouBPeriod", "displacement"].map((param) =>
      c.input(step, param, "int"),
    );
    const [tenkanLine, kijunLine, spanB, ready] = [
      c.temp([tenkan, "line"]),
      c.temp([kijun, "line"]),
      c.temp([senkouB, "line"]),
      c.temp([tenkan, "ready"]),
    ];
    const middle = (period: string) => `(ta.highest(high, ${period}) + ta.lowest(low, ${period})) / 2`;
    return [
      `${tenkanLine} = ${middle(t)}`,
      `${kijunLine} = ${middle(k)}`,
      `${spanB} = ${middle(s)}`,
      "// The cloud under this bar was computed displacement bars ago; all five start together.",
      `${ready} = bar_index >= math.max(${t}, ${k}, ${s}) - 1 + ${d}`,
      `${tenkan} = ${ready} ? ${tenkanLine} : na`,
      `${kijun} = ${ready} ? ${kijunLine} : na`,
      `${senkouA} = ${ready} ? (${tenkanLine}[${d}] + ${kijunLine}[${d}]) / 2 : na`,
      `${senkouB} = ${ready} ? ${spanB}[${d}] : na`,
      `${chikou} = ${ready} ? close : na`,
    ];
  },
  "patterns.fibonacciRetracement": call("strataFibonacci", ["window", "int"]),
  "patterns.markovRegime": call("strataMarkovRegime", ["states", "int"], ["window", "int"]),
  "patterns.pivotPoints": call("strataPivotPoints"),
  "patterns.zigzag": call("strataZigzag", ["deviation", "float"]),
};
