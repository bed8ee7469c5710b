import { type RunSettingsInput, runSettings } from "../../execution/settings";
import { graphBlock } from "../shared/embed";
import { buildModel, type ExportSource } from "../shared/model";
import { buildProgram, type Spelling } from "../shared/program";
import { orderRules, type RuleValue } from "../shared/rules";
import { commentParagraph, commentText, pyString, snakeCase } from "../shared/text";
import { PY_HELPERS, PY_OPS } from "./ops";
import { PY_RUNTIME } from "./runtime";

export function literal(value: number): string {
  if (Number.isNaN(value)) return "NAN";
  if (value === Number.POSITIVE_INFINITY) return "math.inf";
  if (value === Number.NEGATIVE_INFINITY) return "-math.inf";
  return Object.is(value, -0) ? "-0.0" : String(value);
}

const spelling: Spelling = {
  target: "Python",
  bars: "bars",
  casing: snakeCase,
  feed: (field) => `bars["${field}"]`,
  barsOf: (columns) =>
    `{"time": ${columns[0]}, "open": ${columns[1]}, "high": ${columns[2]}, "low": ${columns[3]}, "close": ${columns[4]}, "volume": ${columns[5]}}`,
  constant: (value) => `np.full(n, ${literal(value)})`,
  literal,
};

/** Functions, classes and constants of the runtime and helpers: no strategy variable may shadow them. */
const RUNTIME_NAMES = [
  ...["empty", "ema", "true_range_at", "RollingMean", "read_bars", "js_round", "div", "decimals_of"],
  ...["steps_in", "from_steps", "round_to_tick", "ceil_to_tick", "floor_to_tick", "floor_to_lot", "DAY_MS"],
  ...["offset", "Order", "Lot", "Broker", "SETTINGS", "NAN", "Decimal", "strategy_rules", "merged", "main"],
];

/** Rule columns go to the broker as plain lists: it reads them one bar at a time. */
function ruleValue(value: RuleValue): string {
  switch (value.kind) {
    case "text":
      return pyString(value.value);
    case "number":
      return literal(value.value);
    case "column":
      return `${value.expression}.tolist()`;
    case "object":
      return `{${value.entries.map(([key, inner]) => `${pyString(key)}: ${ruleValue(inner)}`).join(", ")}}`;
  }
}

function pythonJson(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") {
    return typeof value === "number"
      ? literal(value)
      : typeof value === "boolean"
        ? value
          ? "True"
          : "False"
        : pyString(String(value));
  }
  const inner = `${indent}    `;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${inner}${pyString(key)}: ${pythonJson(item, inner)},`,
  );
  return `{\n${entries.join("\n")}\n${indent}}`;
}

export function generatePython(source: ExportSource, settingsInput: RunSettingsInput = {}): string {
  const model = buildModel(source);
  const program = buildProgram(model, PY_OPS, spelling, RUNTIME_NAMES);
  const settings = runSettings(settingsInput);
  const lines: string[] = [];
  const comment = (text: string) => lines.push(`# ${text}`.trimEnd());

  lines.push("#!/usr/bin/env python3");
  comment(commentText(model.strategyName));
  for (const line of commentParagraph(model.description)) comment(line);
  comment("");
  comment("Exported from Strata as one standalone script; it needs Python 3 with numpy and pandas.");
  comment("Run it on a CSV of bars (Date[,Time],Open,High,Low,Close[,Volume]):");
  comment('  python3 strategy.py bars.csv [\'{"initialCash": 10000, "commission": {"percent": 0.1}}\']');
  comment(
    "It prints the trades as JSON: the same trades as a Strata backtest of this strategy on the same bars.",
  );
  comment("With --columns it prints every indicator and condition column instead (null before warm-up).");
  if (source.hash) comment(`Plan ${source.hash}`);
  if (source.graph) {
    comment("");
    lines.push(...graphBlock(source.graph, "#"));
  }
  lines.push(
    "",
    "import json",
    "import math",
    "import sys",
    "from decimal import Decimal",
    "",
    "import numpy as np",
    "import pandas as pd",
    "",
    'NAN = float("nan")',
    "",
    "# The run's settings, as in a Strata backtest; JSON given after the CSV path overrides them.",
    `SETTINGS = ${pythonJson(settings)}`,
    "",
    "",
    "# ---- Indicators and conditions, computed over whole columns of bars ----------------------------",
  );
  const used = new Set<string>();
  const emit = (code: string) => {
    if (!code || used.has(code)) return;
    used.add(code);
    lines.push("", "", code);
  };
  for (const helper of program.helpers) emit(PY_HELPERS[helper]);
  for (const op of program.ops) emit(op.code);

  lines.push(
    "",
    "",
    "# ---- The strategy -------------------------------------------------------------------------------",
  );
  const computed = program.steps.flatMap((step) => step.targets);
  lines.push("", "", "def strategy_columns(bars):");
  lines.push(
    '    """Computes every indicator and condition column of the strategy, by name, in the plan\'s order."""',
  );
  lines.push('    n = len(bars["close"])');
  for (const step of program.steps) {
    if (step.targets.length === 0) continue;
    lines.push(`    # ${step.info.origin}`);
    lines.push(`    ${step.targets.join(", ")} = ${step.call}`);
  }
  lines.push(`    return dict(${computed.map((name) => `${name}=${name}`).join(", ")})`);
  const rules = orderRules(
    model,
    program,
    (entries) =>
      `        {${entries.map(([key, value]) => `${pyString(key)}: ${ruleValue(value)}`).join(", ")}},`,
    "#",
    "        ",
  );
  lines.push("", "", "def strategy_rules(bars):");
  lines.push('    """The order rules, in the plan\'s order, over the strategy\'s columns."""');
  if (rules.code.some((line) => line.includes("np.full(n,"))) lines.push('    n = len(bars["close"])');
  if (rules.columns.length > 0) {
    lines.push("    columns = strategy_columns(bars)");
    lines.push(
      `    ${rules.columns.join(", ")} = ${rules.columns.map((name) => `columns["${name}"]`).join(", ")}`,
    );
  }
  lines.push("    return [", ...rules.code, "    ]", "");
  lines.push(PY_RUNTIME.trimEnd(), "", "");
  lines.push(
    "def merged(settings, extra):",
    "    result = dict(settings, **extra)",
    '    for part in ("commission", "slippage"):',
    "        result[part] = dict(settings[part], **extra.get(part, {}))",
    "    return result",
    "",
    "",
    "def main():",
    '    args = [arg for arg in sys.argv[1:] if arg != "--columns"]',
    "    if not args:",
    '        sys.exit("Usage: python3 strategy.py bars.csv [settings-json] [--columns]")',
    "    settings = merged(SETTINGS, json.loads(args[1]) if len(args) > 1 else {})",
    "    bars = read_bars(args[0])",
    `    strategy = ${pyString(model.strategyName)}`,
    '    if "--columns" in sys.argv[1:]:',
    "        # NaN (not yet warmed up) prints as null.",
    "        columns = {",
    "            name: [None if math.isnan(v) else v for v in np.asarray(values, dtype=float).tolist()]",
    "            for name, values in strategy_columns(bars).items()",
    "        }",
    "        print(json.dumps(dict(strategy=strategy, columns=columns)))",
    "        return",
    "    result = Broker(strategy_rules(bars), settings, bars).run()",
    "    print(json.dumps(dict(strategy=strategy, **result), indent=2))",
    "",
    "",
    'if __name__ == "__main__":',
    "    main()",
    "",
  );
  return lines.join("\n");
}
