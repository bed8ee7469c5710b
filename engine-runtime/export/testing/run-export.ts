import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BarColumns } from "../../data/bars";
import type { RunSettingsInput } from "../../execution/settings";
import type { Trade } from "../../execution/types";

/** Debian's python3 has numpy and pandas (the CI installs them); STRATA_PYTHON points elsewhere. */
export const PYTHON =
  process.env.STRATA_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

const directory = mkdtempSync(join(tmpdir(), "strata-export-"));
let files = 0;

export function tempFile(name: string, text: string): string {
  const path = join(directory, `${files++}-${name}`);
  writeFileSync(path, text);
  return path;
}

/** Bars as the CSV the exports read: dates with UTC times, full float64 precision. */
export function barsCsv(bars: BarColumns): string {
  const lines = ["Date,Open,High,Low,Close,Volume"];
  for (let i = 0; i < bars.time.length; i++) {
    const stamp = new Date(bars.time[i]).toISOString().replace("T", " ").replace(".000Z", "");
    lines.push([stamp, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]].join(","));
  }
  return `${lines.join("\n")}\n`;
}

export interface ExportedRun {
  trades: Trade[];
  openTrades: Trade[];
}

/** Runs an exported file on a CSV with node or python3 and reads the trades it prints. */
export function runExport(
  target: "ts" | "py",
  code: string,
  csvPath: string,
  settings: RunSettingsInput = {},
): ExportedRun {
  const file = tempFile(target === "ts" ? "strategy.mjs" : "strategy.py", code);
  const program = target === "ts" ? process.execPath : PYTHON;
  const output = execFileSync(program, [file, csvPath, JSON.stringify(settings)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as ExportedRun;
}

/** Where two trade lists differ (prices and money to 1e-9), or "" when they agree. */
export function tradeDifference(expected: readonly Trade[], actual: readonly Trade[]): string {
  if (expected.length !== actual.length)
    return `${expected.length} trades expected, ${actual.length} printed`;
  for (let k = 0; k < expected.length; k++) {
    for (const [key, value] of Object.entries(expected[k])) {
      const other = (actual[k] as unknown as Record<string, unknown>)[key];
      const same =
        typeof value === "number" && typeof other === "number"
          ? Math.abs(value - other) <= 1e-9 * Math.max(1, Math.abs(value))
          : value === other;
      if (!same) return `trade ${k + 1}: ${key} is ${String(other)}, the engine says ${String(value)}`;
    }
  }
  return "";
}
