import { compile } from "../compiler/index";
import { describeProblems, parseBarsCsv } from "../data/csv";
import type { RunSettingsInput } from "../execution/settings";
import type { Trade } from "../execution/types";
import { runBatch } from "../executor/batch";
import type { BacktestResult } from "../executor/result";
import { type Plan, planSchema } from "../plan/schema";
import { formatDiagnostic } from "./compile";
import type { CliIo } from "./main";

const USAGE = `Usage: strata backtest graph.json --data file.csv [options]
  --cash 10000              starting cash
  --qty 1                   units per entry when the strategy sets no size
  --commission 0.1%         percent of each fill's value; also 0.01/unit, 1/order; repeat or join with commas
  --slippage 5bps           against the trader on market and stop fills; also 1tick; repeat or join with commas
  --tick 0.01 --lot 1       the instrument's price and quantity steps
  --format table|json       how to print the report (table)
The file may hold a strategy graph or a compiled plan.`;

/**
 * `strata backtest`: compiles the graph (or reads a plan), loads the CSV, runs the reference
 * engine in batch mode and prints the metrics and trades. Exit codes: 0 done, 1 a problem with the
 * files, 2 a problem with the command line.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.err(`${parsed}\n${USAGE}`);
    return 2;
  }
  const { file, data, format, settings } = parsed;

  const plan = await loadPlan(file, io);
  if (!plan) return 1;
  let csv: string;
  try {
    csv = await io.readFile(data);
  } catch (error) {
    io.err(`The data file ${data} cannot be read (${(error as Error).message}).`);
    return 1;
  }
  const bars = parseBarsCsv(csv);
  if (!bars.ok) {
    io.err(describeProblems(bars.problems, data));
    return 1;
  }
  const result = runBatch(plan, bars.bars, settings);
  io.out(format === "json" ? reportJson(result) : reportTable(result));
  return 0;
}

interface Options {
  file: string;
  data: string;
  format: "table" | "json";
  settings: RunSettingsInput;
}

/** The options, or a sentence saying what is wrong with them. */
export function parseArgs(args: readonly string[]): Options | string {
  const files: string[] = [];
  let data = "";
  let format: Options["format"] = "table";
  const commission = { percent: 0, perUnit: 0, perOrder: 0 };
  const slippage = { bps: 0, ticks: 0 };
  const settings: RunSettingsInput = {};
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (!arg.startsWith("--")) {
      files.push(arg);
      continue;
    }
    const value = args[++k];
    if (value === undefined) return `The option ${arg} needs a value.`;
    const number = Number(value);
    const positive = Number.isFinite(number) && number > 0;
    switch (arg) {
      case "--data":
        data = value;
        break;
      case "--format":
        if (value !== "table" && value !== "json") return `--format must be table or json, not "${value}".`;
        format = value;
        break;
      case "--cash":
      case "--qty":
      case "--tick":
      case "--lot": {
        if (!positive) return `${arg} must be a number above 0, not "${value}".`;
        const key = {
          "--cash": "initialCash",
          "--qty": "defaultQuantity",
          "--tick": "tickSize",
          "--lot": "lotSize",
        }[arg];
        settings[key as "initialCash"] = number;
        break;
      }
      case "--commission":
        for (const part of value.split(",")) {
          const match = /^(\d+(?:\.\d+)?)(%|\/unit|\/order)$/.exec(part.trim());
          if (!match) return `--commission takes 0.1%, 0.01/unit or 1/order, not "${part}".`;
          const key = match[2] === "%" ? "percent" : match[2] === "/unit" ? "perUnit" : "perOrder";
          commission[key] += Number(match[1]);
        }
        break;
      case "--slippage":
        for (const part of value.split(",")) {
          const match = /^(\d+(?:\.\d+)?)(bps|ticks?)$/.exec(part.trim());
          if (!match || (match[2] !== "bps" && !Number.isInteger(Number(match[1])))) {
            return `--slippage takes 5bps or 1tick (whole ticks), not "${part}".`;
          }
          slippage[match[2] === "bps" ? "bps" : "ticks"] += Number(match[1]);
        }
        break;
      default:
        return `Unknown option ${arg}.`;
    }
  }
  if (files.length !== 1) return files.length === 0 ? "Name the strategy file." : "Name one strategy file.";
  if (!data) return "Name the price data with --data file.csv.";
  return { file: files[0], data, format, settings: { ...settings, commission, slippage } };
}

async function loadPlan(file: string, io: CliIo): Promise<Plan | null> {
  let json: unknown;
  try {
    json = JSON.parse(await io.readFile(file));
  } catch (error) {
    io.err(`The strategy file ${file} cannot be read as JSON (${(error as Error).message}).`);
    return null;
  }
  if ((json as { format?: unknown })?.format === "strata.plan") {
    const plan = planSchema.safeParse(json);
    if (plan.success) return plan.data;
    io.err(
      `The plan in ${file} is not valid: ${plan.error.issues[0].message} at ${plan.error.issues[0].path.join(".")}.`,
    );
    return null;
  }
  const compiled = compile(json);
  for (const diagnostic of compiled.diagnostics) io.err(formatDiagnostic(diagnostic));
  return compiled.ok && compiled.plan ? compiled.plan : null;
}

const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : "—");
const decimal = (x: number) =>
  Number.isFinite(x) ? x.toFixed(2) : x === Number.POSITIVE_INFINITY ? "∞" : "—";

/** Dates as YYYY-MM-DD, with the time of day when bars are intraday (UTC). */
function when(time: number): string {
  const iso = new Date(time).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function reportTable(result: BacktestResult): string {
  const m = result.metrics;
  const rows: [string, string][] = [
    ["Bars", String(result.bars)],
    ["Initial equity", decimal(m.initialEquity)],
    ["Final equity", decimal(m.finalEquity)],
    ["Net profit", decimal(m.netProfit)],
    ["Total return", percent(m.totalReturn)],
    ["CAGR", percent(m.cagr)],
    ["Annual volatility", percent(m.annualVolatility)],
    ["Sharpe", decimal(m.sharpe)],
    ["Sortino", decimal(m.sortino)],
    ["Calmar", decimal(m.calmar)],
    ["Max drawdown", percent(m.maxDrawdown)],
    ["Max drawdown bars", String(m.maxDrawdownBars)],
    ["Trades", String(m.trades)],
    ["Win rate", percent(m.winRate)],
    ["Profit factor", decimal(m.profitFactor)],
    ["Expectancy", decimal(m.expectancy)],
    ["Average win", decimal(m.averageWin)],
    ["Average loss", decimal(m.averageLoss)],
    ["Exposure", percent(m.exposure)],
    ["Longest flat bars", String(m.longestFlatBars)],
    ["Commission", decimal(m.totalCommission)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
  const trades = [...result.trades, ...result.openTrades];
  if (trades.length > 0) lines.push("", table(trades));
  return lines.join("\n");
}

function table(trades: readonly Trade[]): string {
  const header = ["#", "side", "entry", "price", "exit", "price", "qty", "P&L", "bars", "reason"];
  const rows = trades.map((t, k) => [
    String(k + 1),
    t.direction,
    when(t.entryTime),
    String(t.entryPrice),
    when(t.exitTime),
    String(t.exitPrice),
    String(t.quantity),
    t.pnl.toFixed(2),
    String(t.barsHeld),
    t.exitReason,
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const numeric = new Set([0, 3, 5, 6, 7, 8]);
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Metrics and trades as JSON; undefined values (NaN) print as null, an unbounded profit factor as "Infinity". */
export function reportJson(result: BacktestResult): string {
  const { metrics, trades, openTrades } = result;
  return JSON.stringify(
    { bars: result.bars, metrics, trades, openTrades },
    (_key, value) => (value === Number.POSITIVE_INFINITY ? "Infinity" : value),
    2,
  );
}
