import type { OrderRule } from "@/nodes/core/orders";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import type { MovingAverageType } from "@/nodes/indicators/apo/moving-average-type";
import { type RunSettingsInput, runSettings } from "../../execution/settings";
import { graphBlock } from "../shared/embed";
import { buildModel, ExportError, type ExportSource, Namer, RESERVED, slotWords } from "../shared/model";
import { macdPeriods } from "../shared/ops";
import { camelCase, commentParagraph, commentText, pineString, words } from "../shared/text";
import { bucketOffset } from "../ts/ops-patterns";
import { guard2, literal, type PineContext, type PineOp } from "./context";
import { PINE_FUNCTION_NAMES, PINE_FUNCTIONS } from "./functions";
import { atrOf, movingAverage, PINE_MORE_OPS, wilderLines } from "./ops-more";

/**
 * Pine Script v6: the plan as a TradingView strategy(). Values are `ta.*` built-ins where their
 * definition matches the node's (ta.sma, ta.stdev, ta.highest, ta.lowest, ta.tr(false) for the
 * true range without the first bar) and explicit code where it does not (RSI's flat-window 0, the
 * stochastic's flat-window 0). EMAs and Wilder's averages are Pine functions seeded with an SMA as
 * in TA-Lib (ta.ema's reference seeds with the first value), like every kernel in functions.ts.
 * Conditions are floats (1, 0, na) like the engine's bool columns, so an empty input keeps the
 * signal empty instead of false. Orders go through TradingView's broker emulator, whose fills
 * differ from Strata's: the header lists what remains different.
 */
export const PINE_TA_CALLS = [
  "ta.sma",
  "ta.ema",
  "ta.rma",
  "ta.stdev",
  "ta.tr",
  "ta.highest",
  "ta.lowest",
  "ta.crossover",
  "ta.crossunder",
  "ta.wma",
  "ta.mom",
  "ta.dev",
  "ta.linreg",
  "ta.barssince",
];

const FEED = ["time", "open", "high", "low", "close", "volume"];

/** One price of each bar: a built-in of the chart's bars, or the same price of a higher timeframe's. */
function barField(field: string, bars: readonly string[]): string {
  if (bars.every((name, k) => name === FEED[k])) return field;
  const [, open, high, low, close] = bars;
  if (field === "hl2") return `(${high} + ${low}) / 2`;
  if (field === "hlc3") return `(${high} + ${low} + ${close}) / 3`;
  if (field === "ohlc4") return `(${open} + ${high} + ${low} + ${close}) / 4`;
  return bars[FEED.indexOf(field)];
}

const PINE_OPS: Record<string, PineOp> = {
  "data.priceFeed": (_args, step, [value], _c, bars) => [
    `${value} = ${barField(String(step.params.field), bars)}`,
  ],
  "data.constant": (_args, step, [value]) => [`${value} = ${literal(step.params.value as number)}`],
  "indicators.sma": ([x], step, [value], c) => [`${value} = ta.sma(${x}, ${c.input(step, "period", "int")})`],
  "indicators.ema": ([x], step, [value], c) => [
    `${value} = ${c.use("strataEma")}(${x}, ${c.input(step, "period", "int")})`,
  ],
  "indicators.rsi": ([x], step, [value], c) =>
    wilderLines(x, c.input(step, "period", "int"), value, c, "rsi"),
  "indicators.atr": (_args, step, [value], c) => [
    "// ta.atr would count the first bar's high - low; TA-Lib's ATR starts from the second bar.",
    `${value} = ${atrOf(c.input(step, "period", "int"), c)}`,
  ],
  "indicators.trange": (_args, _step, [value]) => [`${value} = ta.tr(false)`],
  "indicators.bbands": ([x], step, [upper, middle, lower], c) => {
    const period = c.input(step, "period", "int");
    const deviation = c.temp([middle, "deviation"]);
    return [
      `${middle} = ${movingAverage(step.params.maType as MovingAverageType, x, period, c)}`,
      `${deviation} = ta.stdev(${x}, ${period})`,
      `${upper} = ${middle} + ${deviation} * ${c.input(step, "deviationsUp", "float")}`,
      `${lower} = ${middle} - ${deviation} * ${c.input(step, "deviationsDown", "float")}`,
    ];
  },
  "indicators.macd": ([x], step, [line, signal, histogram], c) => {
    const [fast, slow, signalPeriod] = macdPeriods(step);
    const seed = c.temp([line, "fast", "source"]);
    const raw = c.temp([line, "raw"]);
    const lineStart = step.step.start + slow - 1;
    const ema = c.use("strataEma");
    return [
      "// As in TA-Lib, the fast EMA is seeded on the bars where the slow EMA ends its warm-up,",
      "// and all three lines start together once the signal line has a value.",
      `${seed} = bar_index >= ${lineStart - (fast - 1)} ? ${x} : na`,
      `${raw} = ${ema}(${seed}, ${fast}) - ${ema}(${x}, ${slow})`,
      `${signal} = ${ema}(${raw}, ${signalPeriod})`,
      `${line} = na(${signal}) ? na : ${raw}`,
      `${histogram} = ${line} - ${signal}`,
    ];
  },
  "indicators.stoch": (_args, step, [k, d], c) => {
    const fastK = c.input(step, "fastKPeriod", "int");
    const [raw, range, smooth] = [c.temp([k, "raw"]), c.temp([k, "range"]), c.temp([k, "smooth"])];
    return [
      `${range} = ta.highest(high, ${fastK}) - ta.lowest(low, ${fastK})`,
      "// Unlike ta.stoch, a flat window reads 0, as in TA-Lib; %K shows once %D has a value.",
      `${raw} = bar_index < ${fastK} - 1 ? na : ${range} != 0 ? (close - ta.lowest(low, ${fastK})) / (${range} / 100) : 0.0`,
      `${smooth} = ta.sma(${raw}, ${c.input(step, "slowKPeriod", "int")})`,
      `${d} = ta.sma(${smooth}, ${c.input(step, "slowDPeriod", "int")})`,
      `${k} = na(${d}) ? na : ${smooth}`,
    ];
  },
  "indicators.donchian": (_args, step, [upper, middle, lower], c) => {
    const period = c.input(step, "period", "int");
    return [
      `${upper} = ta.highest(high, ${period})`,
      `${lower} = ta.lowest(low, ${period})`,
      `${middle} = (${upper} + ${lower}) / 2`,
    ];
  },
  "math.add": ([a, b], _s, [v]) => [`${v} = ${a} + ${b}`],
  "math.subtract": ([a, b], _s, [v]) => [`${v} = ${a} - ${b}`],
  "math.multiply": ([a, b], _s, [v]) => [`${v} = ${a} * ${b}`],
  "math.divide": ([a, b], _s, [v]) => [`${v} = ${b} == 0 ? na : ${a} / ${b}`],
  "math.lag": ([x], step, [v]) => [`${v} = ${x}[${step.params.bars as number}]`],
  "logic.compare": ([a, b], step, [v]) => [`${v} = ${guard2(a, b, `${a} ${String(step.params.op)} ${b}`)}`],
  "logic.crossesAbove": ([a, b], _s, [v]) => [
    `${v} = na(${a}[1]) or na(${b}[1]) or na(${a}) or na(${b}) ? na : ta.crossover(${a}, ${b}) ? 1.0 : 0.0`,
  ],
  "logic.crossesBelow": ([a, b], _s, [v]) => [
    `${v} = na(${a}[1]) or na(${b}[1]) or na(${a}) or na(${b}) ? na : ta.crossunder(${a}, ${b}) ? 1.0 : 0.0`,
  ],
  "logic.and": ([a, b], _s, [v]) => [`${v} = ${guard2(a, b, `${a} == 1 and ${b} == 1`)}`],
  "logic.or": ([a, b], _s, [v]) => [`${v} = ${guard2(a, b, `${a} == 1 or ${b} == 1`)}`],
  "logic.not": ([a], _s, [v]) => [`${v} = na(${a}) ? na : ${a} == 1 ? 0.0 : 1.0`],
  "math.abs": ([x], _s, [v]) => [`${v} = math.abs(${x})`],
  "math.log": ([x], _s, [v]) => [`${v} = ${x} > 0 ? math.log(${x}) : na`],
  "math.exp": ([x], _s, [v]) => [`${v} = math.exp(${x})`],
  "math.sqrt": ([x], _s, [v]) => [`${v} = math.sqrt(${x})`],
  "math.min": ([a, b], _s, [v]) => [`${v} = math.min(${a}, ${b})`],
  "math.max": ([a, b], _s, [v]) => [`${v} = math.max(${a}, ${b})`],
  "math.pow": ([a, b], _s, [v]) => [`${v} = math.pow(${a}, ${b})`],
  "math.change": ([x], step, [v]) => [`${v} = ${x} - ${x}[${step.params.bars as number}]`],
  "math.percentChange": ([x], step, [v]) => {
    const before = `${x}[${step.params.bars as number}]`;
    return [`${v} = ${before} == 0 ? na : (${x} - ${before}) / ${before} * 100`];
  },
  "math.rollingSum": ([x], step, [v], c) => [`${v} = math.sum(${x}, ${c.input(step, "period", "int")})`],
  "math.rollingMin": ([x], step, [v], c) => [`${v} = ta.lowest(${x}, ${c.input(step, "period", "int")})`],
  "math.rollingMax": ([x], step, [v], c) => [`${v} = ta.highest(${x}, ${c.input(step, "period", "int")})`],
  "logic.between": ([x, lo, hi], _s, [v]) => [
    `${v} = na(${x}) or na(${lo}) or na(${hi}) ? na : ${x} >= ${lo} and ${x} <= ${hi} ? 1.0 : 0.0`,
  ],
  "logic.xor": ([a, b], _s, [v]) => [`${v} = ${guard2(a, b, `(${a} == 1) != (${b} == 1)`)}`],
  "logic.ifThenElse": ([c, t, f], _s, [v]) => [`${v} = na(${c}) ? na : ${c} == 1 ? ${t} : ${f}`],
  "logic.becameTrue": ([c], _s, [v]) => [
    `${v} = na(${c}) or na(${c}[1]) ? na : ${c} == 1 and ${c}[1] != 1 ? 1.0 : 0.0`,
  ],
  "indicators.wma": ([x], step, [v], c) => [`${v} = ta.wma(${x}, ${c.input(step, "period", "int")})`],
  "indicators.rma": ([x], step, [v], c) => [
    `${v} = ${c.use("strataRma")}(${x}, ${c.input(step, "period", "int")})`,
  ],
  "indicators.mom": ([x], step, [v], c) => [`${v} = ta.mom(${x}, ${c.input(step, "period", "int")})`],
  "indicators.roc": ([x], step, [v], c) => {
    const before = `${x}[${c.input(step, "period", "int")}]`;
    return [`${v} = na(${before}) ? na : ${before} != 0 ? (${x} / ${before} - 1) * 100 : 0.0`];
  },
  "indicators.willr": (_args, step, [v], c) => {
    const period = c.input(step, "period", "int");
    const [highest, lowest] = [c.temp([v, "highest"]), c.temp([v, "lowest"])];
    return [
      `${highest} = ta.highest(high, ${period})`,
      `${lowest} = ta.lowest(low, ${period})`,
      "// Unlike ta.wpr, a flat window reads 0, as in TA-Lib.",
      `${v} = na(${highest}) or na(${lowest}) ? na : ${highest} != ${lowest} ? (${highest} - close) / ((${highest} - ${lowest}) / -100) : 0.0`,
    ];
  },
  ...PINE_MORE_OPS,
};

/** Every op the Pine export writes; Higher Timeframe is written by the generator itself (bars out). */
export const PINE_SUPPORTED_OPS = [...Object.keys(PINE_OPS), "data.resample"];

const DIFFERENCES = {
  always: [
    "Orders fill through TradingView's broker emulator: market orders at the next open as in Strata, but",
    "  limit, stop and stop-limit fills, gaps and attached exits inside a bar follow TradingView's intrabar",
    "  assumptions, not Strata's (stop before target, gap fills at the open).",
    "Prices are not rounded to Strata's tick, lot and money units; TradingView uses the symbol's own.",
    "Entries that cost more than the buying power are not rejected the Strata way.",
    "Values agree with Strata's in meaning; the last bits of float results may differ (ta.stdev, math.sum).",
    "Each indicator starts on the first bar its input has a value, which is where Strata starts it unless",
    "  an input stays empty after its warm-up (e.g. Bars Since before its first signal).",
  ],
  day: "Day orders: Pine orders stay working until cancelled; Strata cancels them after their trading day.",
  sizing: "Sizing by equity or risk is computed from the close of the signal bar, not the fill price.",
  trailing: "Trailing stops use TradingView's trail_points/trail_offset, which start trailing at once.",
  timed:
    "Exit after bars closes the position at the next open once the bars have passed (strategy.close_all).",
  cooldown: "Cooldown counts bars from the bar a trade closed, read from strategy.closedtrades.",
};

export function generatePine(source: ExportSource, settingsInput: RunSettingsInput = {}): string {
  const model = buildModel(source);
  const settings = runSettings(settingsInput);
  const namer = new Namer(camelCase, [...RESERVED, ...PINE_FUNCTION_NAMES, "lastExitBar", "inPosition"]);
  const names = new Map<number, string>();
  for (const [slot, field] of FEED.entries()) names.set(slot, field);
  const constants = new Map(source.plan.constants.map(({ slot, value }) => [slot, value]));
  const expression = (slot: number) => names.get(slot) ?? literal(constants.get(slot) ?? Number.NaN);

  const inputs: string[] = [];
  const body: string[] = [];
  const functions: string[] = [];
  const use = (name: string): string => {
    for (const inner of PINE_FUNCTIONS[name].uses ?? []) use(inner);
    if (!functions.includes(name)) functions.push(name);
    return name;
  };
  const context: PineContext = {
    lines: body,
    use,
    temp: (parts) =>
      namer.name(
        parts.flatMap((part) => words(part)),
        ["value"],
      ),
    input(step, param, kind) {
      const value = step.params[param] as number;
      const owner = words(step.nodes[0] ?? step.definition.type.split(".")[1]);
      const name = namer.name([...owner, ...words(param)], ["input"]);
      const title = pineString(`${step.name} ${param}`);
      inputs.push(`${name} = input.${kind}(${kind === "int" ? String(value) : literal(value)}, ${title})`);
      return name;
    },
  };

  for (const step of model.steps) {
    const who = `${step.name} (step ${step.index + 1}, ${step.definition.title}, op ${step.step.op})`;
    const barsIn = step.inputs.find((input) => input.port.type === "bars");
    const bars = barsIn ? barsIn.slots.map((slot) => names.get(slot) ?? "na") : FEED;
    if (step.step.op !== "data.barField" && !bars.every((name, k) => name === FEED[k])) {
      throw new ExportError(
        `${who}: Pine Script reads only the chart's own bars; read a higher timeframe one price at a time with Bar Field.`,
      );
    }
    const barsOut = step.outputs.filter((output) => output.port.type === "bars");
    if (step.step.op === "data.resample") {
      // The higher timeframe's bars are six columns of the last finished bucket.
      const owner = step.nodes[0] ?? "higher timeframe";
      const columns = FEED.map((field) => context.temp([owner, field]));
      for (const [k, output] of barsOut.entries()) names.set(output.slot, columns[k]);
      const timeframe = step.params.timeframe as Timeframe;
      body.push(
        `// ${step.origin}`,
        `[${columns.join(", ")}] = ${use("strataHigherTimeframe")}(${TIMEFRAME_MS[timeframe]}, ${bucketOffset(timeframe)})`,
      );
      continue;
    }
    const op = PINE_OPS[step.step.op === "data.barField" ? "data.priceFeed" : step.step.op];
    if (!op) throw new ExportError(`${who}: the Pine Script export cannot write this op yet.`);
    for (const [k, output] of barsOut.entries()) names.set(output.slot, FEED[k]);
    const outs = step.outputs
      .filter((output) => output.port.type !== "bars")
      .map((output) => {
        const name = namer.name(slotWords(step, output.port), [output.port.name]);
        names.set(output.slot, name);
        return name;
      });
    const args = step.inputs
      .filter((input) => input.port.type !== "bars")
      .map((input) => expression(input.slots[0]));
    let code: string[];
    try {
      code = op(args, step, outs, context, bars);
    } catch (error) {
      throw new ExportError(`${who}: the Pine Script export does not support ${(error as Error).message}.`);
    }
    body.push(`// ${step.origin}`, ...code);
  }

  const orders = source.plan.orders;
  const used = new Set<keyof typeof DIFFERENCES>();
  const orderLines = writeOrders(orders, model.orderOrigins, expression, used);

  const lines: string[] = ["//@version=6"];
  const comment = (text: string) => lines.push(`// ${text}`.trimEnd());
  comment(commentText(model.strategyName));
  for (const line of commentParagraph(model.description)) comment(line);
  comment("");
  comment("Exported from Strata as a TradingView strategy. Differences from a Strata backtest that remain:");
  for (const line of DIFFERENCES.always) comment(line.startsWith(" ") ? line : `- ${line}`);
  for (const key of used) if (key !== "always") comment(`- ${DIFFERENCES[key]}`);
  if (source.hash) comment(`Plan ${source.hash}`);
  if (source.graph) {
    comment("");
    lines.push(...graphBlock(source.graph, "//"));
  }
  const pyramiding = Math.max(1, ...orders.map((rule) => rule.maxOpenPositions ?? 1));
  const { commission } = settings;
  lines.push(
    "",
    `strategy(${pineString(model.strategyName)}, overlay = true, initial_capital = ${settings.initialCash}, default_qty_type = strategy.fixed, default_qty_value = ${settings.defaultQuantity}, commission_type = strategy.commission.percent, commission_value = ${commission.percent}, slippage = ${settings.slippage.ticks}, pyramiding = ${pyramiding})`,
  );
  if (commission.perUnit > 0 || commission.perOrder > 0) {
    comment("Per-unit and per-order commissions are not set: strategy() takes one commission type.");
  }
  if (functions.length > 0) {
    lines.push("", "// ---- Functions: node kernels written bar by bar");
    for (const name of functions) lines.push("", PINE_FUNCTIONS[name].code);
  }
  if (inputs.length > 0) lines.push("", "// ---- Inputs", ...inputs);
  lines.push("", "// ---- Indicators and conditions", ...body);
  lines.push("", "// ---- Orders", ...orderLines);
  const plots = source.plan.plots.filter((plot) => plot.pane === "price" && names.has(plot.slot));
  if (plots.length > 0) {
    lines.push("", "// ---- Plots");
    for (const plot of plots) lines.push(`plot(${names.get(plot.slot)}, ${pineString(plot.label)})`);
  }
  lines.push("");
  return lines.join("\n");
}

function distanceExpression(
  distance: NonNullable<OrderRule["stopLoss"]>,
  side: number,
  frozen: string,
): string {
  const sign = side > 0 ? "+" : "-";
  if (distance.mode === "percent") return `strategy.position_avg_price * (1 ${sign} ${distance.value} / 100)`;
  if (distance.mode === "points") return `strategy.position_avg_price ${sign} ${distance.value}`;
  return `strategy.position_avg_price ${sign} ${frozen}`;
}

function writeOrders(
  orders: readonly OrderRule[],
  origins: readonly string[],
  expression: (slot: number) => string,
  used: Set<keyof typeof DIFFERENCES>,
): string[] {
  const lines: string[] = [];
  if (orders.some((rule) => rule.cooldownBars !== undefined)) {
    used.add("cooldown");
    lines.push(
      "var int lastExitBar = na",
      "if strategy.closedtrades > strategy.closedtrades[1]",
      "    lastExitBar := bar_index",
    );
  }
  orders.forEach((rule, index) => {
    const id = pineString(`Rule ${index + 1}`);
    const when = `${expression(rule.when)} == 1`;
    lines.push(`// ${origins[index]}`);
    const price: string[] = [];
    if (rule.orderType === "limit" || rule.orderType === "stopLimit")
      price.push(`limit = ${expression(rule.limitPrice!)}`);
    if (rule.orderType === "stop" || rule.orderType === "stopLimit")
      price.push(`stop = ${expression(rule.stopPrice!)}`);
    if (rule.timeInForce === "day" && rule.orderType !== "market") used.add("day");
    const extra = price.length > 0 ? `, ${price.join(", ")}` : "";
    if (rule.action === "enterLong" || rule.action === "enterShort") {
      const side = rule.action === "enterLong" ? 1 : -1;
      const conditions = [when];
      if (rule.cooldownBars !== undefined)
        conditions.push(`(na(lastExitBar) or bar_index >= lastExitBar + ${rule.cooldownBars})`);
      let qty = "";
      const sizing = rule.sizing;
      if (sizing) {
        used.add("sizing");
        qty =
          sizing.mode === "fixedQuantity"
            ? `, qty = ${sizing.quantity}`
            : sizing.mode === "fixedCash"
              ? `, qty = math.floor(${sizing.cash} / close)`
              : sizing.mode === "percentOfEquity"
                ? `, qty = math.floor(strategy.equity * ${sizing.percent} / 100 / close)`
                : "";
        if (sizing.mode === "riskPercent" && rule.stopLoss && rule.stopLoss.mode !== "slot") {
          const risk =
            rule.stopLoss.mode === "percent"
              ? `close * ${rule.stopLoss.value} / 100`
              : String(rule.stopLoss.value);
          qty = `, qty = math.floor(strategy.equity * ${sizing.percent} / 100 / (${risk}))`;
        }
      }
      lines.push(`if ${conditions.join(" and ")}`);
      lines.push(`    strategy.entry(${id}, ${side > 0 ? "strategy.long" : "strategy.short"}${qty}${extra})`);
      const exits: string[] = [];
      const frozen: string[] = [];
      for (const [key, sign] of [
        ["stopLoss", -side],
        ["takeProfit", side],
      ] as const) {
        const distance = rule[key];
        if (!distance) continue;
        let held = "";
        if (distance.mode === "slot") {
          // A distance read from a series is fixed on the signal bar, as in Strata.
          held = `rule${index + 1}${key[0].toUpperCase()}${key.slice(1)}Distance`;
          frozen.push(`var float ${held} = na`, `if ${when}`, `    ${held} := ${expression(distance.slot)}`);
        }
        exits.push(`${key === "stopLoss" ? "stop" : "limit"} = ${distanceExpression(distance, sign, held)}`);
      }
      if (rule.trailingStop) {
        used.add("trailing");
        const t = rule.trailingStop;
        const points =
          t.mode === "percent"
            ? `close * ${t.value} / 100 / syminfo.mintick`
            : t.mode === "points"
              ? `${t.value} / syminfo.mintick`
              : `${expression(t.slot)} / syminfo.mintick`;
        exits.push(`trail_points = ${points}`, `trail_offset = ${points}`);
      }
      lines.push(...frozen);
      if (exits.length > 0) {
        lines.push(`if strategy.position_size ${side > 0 ? ">" : "<"} 0`);
        lines.push(
          `    strategy.exit(${pineString(`Rule ${index + 1} exits`)}, from_entry = ${id}, ${exits.join(", ")})`,
        );
      }
      if (rule.exitAfterBars !== undefined) {
        used.add("timed");
        lines.push(
          `if strategy.position_size ${side > 0 ? ">" : "<"} 0 and bar_index + 1 - strategy.opentrades.entry_bar_index(0) >= ${rule.exitAfterBars}`,
          `    strategy.close_all(comment = ${pineString(`Rule ${index + 1} exit after bars`)})`,
        );
      }
      return;
    }
    if (rule.action === "reverse") {
      lines.push(
        `if ${when} and strategy.position_size > 0`,
        `    strategy.entry(${id}, strategy.short${extra})`,
      );
      lines.push(
        `else if ${when} and strategy.position_size < 0`,
        `    strategy.entry(${id}, strategy.long${extra})`,
      );
      return;
    }
    const held =
      rule.action === "exitLong"
        ? "strategy.position_size > 0"
        : rule.action === "exitShort"
          ? "strategy.position_size < 0"
          : "strategy.position_size != 0";
    if (rule.orderType === "market") {
      lines.push(`if ${when} and ${held}`, `    strategy.close_all(comment = ${id})`);
    } else {
      lines.push(`if ${when} and ${held}`, `    strategy.exit(${id}${extra})`);
    }
  });
  return lines;
}
