import { type RunSettingsInput, runSettings } from "../../execution/settings";
import { graphBlock } from "../shared/embed";
import { buildModel, type ExportSource } from "../shared/model";
import { buildProgram, type Spelling } from "../shared/program";
import { orderRules, type RuleValue } from "../shared/rules";
import { camelCase, commentParagraph, commentText, jsString } from "../shared/text";
import { JS_HELPERS, JS_OPS } from "./ops";
import { JS_RUNTIME } from "./runtime";

/**
 * The TypeScript target writes plain modern JavaScript (an ES module, `.mjs`) with JSDoc comments:
 * Node 20 runs it as it is (`node strategy.mjs bars.csv`), where TypeScript syntax would need a
 * build step or a newer Node's type stripping. It parses as TypeScript too (with `checkJs`-style
 * loose types), so quants can rename it `.ts` and add types in their own tools.
 */
export function literal(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return Object.is(value, -0) ? "-0" : String(value);
}

const spelling: Spelling = {
  target: "TypeScript",
  bars: "bars",
  casing: camelCase,
  feed: (field) => `bars.${field}`,
  barsOf: (columns) =>
    `{ time: ${columns[0]}, open: ${columns[1]}, high: ${columns[2]}, low: ${columns[3]}, close: ${columns[4]}, volume: ${columns[5]} }`,
  constant: (value) => `constantColumn(n, ${literal(value)})`,
  literal,
};

/** Functions and constants of the runtime and helpers: no strategy variable may shadow them. */
const RUNTIME_NAMES = [
  ...["column", "constantColumn", "trueRangeAt", "rollingMean", "ema", "parseTimestamp", "readBars", "DATE"],
  ...["TIME", "decimalsOf", "stepsIn", "fromSteps", "roundToTick", "ceilToTick", "floorToTick", "floorToLot"],
  ...["DAY_MS", "offset", "Broker", "SETTINGS", "strategyRules", "readFileSync", "main"],
];

const CONSTANT_COLUMN = `/** A column holding one value on every bar. */
function constantColumn(n, value) {
  return new Float64Array(n).fill(value);
}`;

function ruleValue(value: RuleValue): string {
  switch (value.kind) {
    case "text":
      return jsString(value.value);
    case "number":
      return literal(value.value);
    case "column":
      return value.expression;
    case "object":
      return `{ ${value.entries.map(([key, inner]) => `${key}: ${ruleValue(inner)}`).join(", ")} }`;
  }
}

export function generateJs(source: ExportSource, settingsInput: RunSettingsInput = {}): string {
  const model = buildModel(source);
  const program = buildProgram(model, JS_OPS, spelling, RUNTIME_NAMES);
  const settings = runSettings(settingsInput);
  const lines: string[] = [];
  const comment = (text: string) => lines.push(`// ${text}`.trimEnd());

  lines.push("#!/usr/bin/env node");
  comment(commentText(model.strategyName));
  for (const line of commentParagraph(model.description)) comment(line);
  comment("");
  comment(
    "Exported from Strata as one standalone JavaScript module; it imports nothing but Node's own modules.",
  );
  comment("Run it with Node 20 or later on a CSV of bars (Date[,Time],Open,High,Low,Close[,Volume]):");
  comment('  node strategy.mjs bars.csv [\'{"initialCash": 10000, "commission": {"percent": 0.1}}\']');
  comment(
    "It prints the trades as JSON: the same trades as a Strata backtest of this strategy on the same bars.",
  );
  comment("With --columns it prints every indicator and condition column instead (null before warm-up).");
  if (source.hash) comment(`Plan ${source.hash}`);
  if (source.graph) {
    comment("");
    lines.push(...graphBlock(source.graph, "//"));
  }
  lines.push("", 'import { readFileSync } from "node:fs";', "");
  lines.push(
    "/** The run's settings, as in a Strata backtest; JSON given after the CSV path overrides them. */",
  );
  lines.push(`const SETTINGS = ${JSON.stringify(settings, null, 2)};`);
  lines.push(
    "",
    "// ---- Indicators and conditions, computed over whole columns of bars ----------------------",
    "",
  );
  const used = new Set<string>();
  const emit = (code: string) => {
    if (!code || used.has(code)) return;
    used.add(code);
    lines.push(code, "");
  };
  emit(CONSTANT_COLUMN);
  for (const helper of program.helpers) emit(JS_HELPERS[helper]);
  for (const op of program.ops) emit(op.code);

  lines.push(
    "// ---- The strategy --------------------------------------------------------------------------",
    "",
  );
  const computed = program.steps.flatMap((step) => step.targets);
  lines.push(
    "/** Computes every indicator and condition column of the strategy, by name, in the plan's order. */",
  );
  lines.push("function strategyColumns(bars) {", "  const n = bars.close.length;");
  for (const step of program.steps) {
    if (step.targets.length === 0) continue;
    lines.push(`  // ${step.info.origin}`);
    const target = step.targets.length === 1 ? step.targets[0] : `[${step.targets.join(", ")}]`;
    lines.push(`  const ${target} = ${step.call};`);
  }
  lines.push(`  return { ${computed.join(", ")} };`, "}", "");
  const rules = orderRules(
    model,
    program,
    (entries) => `    { ${entries.map(([key, value]) => `${key}: ${ruleValue(value)}`).join(", ")} },`,
    "//",
    "    ",
  );
  lines.push("/** The order rules, in the plan's order, over the strategy's columns. */");
  lines.push("function strategyRules(bars) {");
  if (rules.code.some((line) => line.includes("constantColumn(n,")))
    lines.push("  const n = bars.close.length;");
  if (rules.columns.length > 0)
    lines.push(`  const { ${rules.columns.join(", ")} } = strategyColumns(bars);`);
  lines.push("  return [", ...rules.code, "  ];", "}", "");
  lines.push(JS_RUNTIME.trim(), "");
  lines.push(
    "function main() {",
    '  const printColumns = process.argv.includes("--columns");',
    '  const [file, overrides] = process.argv.slice(2).filter((arg) => arg !== "--columns");',
    "  if (!file) {",
    '    console.error("Usage: node strategy.mjs bars.csv [settings-json] [--columns]");',
    "    process.exit(2);",
    "  }",
    "  const extra = overrides ? JSON.parse(overrides) : {};",
    "  const settings = {",
    "    ...SETTINGS,",
    "    ...extra,",
    "    commission: { ...SETTINGS.commission, ...extra.commission },",
    "    slippage: { ...SETTINGS.slippage, ...extra.slippage },",
    "  };",
    '  const bars = readBars(readFileSync(file, "utf8"));',
    `  const strategy = ${jsString(model.strategyName)};`,
    "  if (printColumns) {",
    "    // NaN (not yet warmed up) prints as null.",
    "    const columns = Object.entries(strategyColumns(bars)).map(([name, values]) => [name, Array.from(values)]);",
    '    process.stdout.write(JSON.stringify({ strategy, columns: Object.fromEntries(columns) }) + "\\n");',
    "    return;",
    "  }",
    "  const result = new Broker(strategyRules(bars), settings, bars).run();",
    '  process.stdout.write(JSON.stringify({ strategy, ...result }, null, 2) + "\\n");',
    "}",
    "",
    "main();",
    "",
  );
  return lines.join("\n");
}
