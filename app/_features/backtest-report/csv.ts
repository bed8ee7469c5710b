import type { Trade } from "@/engine-runtime/execution/types";

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
 * with quotes inside doubled. A text that a spreadsheet would run as a formula (=, +, -, @ first)
 * is prefixed with a quote mark, since trade fields are shown to spreadsheets, not only parsers.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",");
}

const HEADER = [
  "direction",
  "entry_time",
  "entry_price",
  "exit_time",
  "exit_price",
  "quantity",
  "pnl",
  "return_percent",
  "commission",
  "bars_held",
  "exit_reason",
];

/** The trade list as CSV: ISO times in UTC, numbers unformatted so spreadsheets read them as numbers. */
export function tradesCsv(trades: readonly Trade[]): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows = trades.map((t) =>
    csvRow([
      t.direction,
      iso(t.entryTime),
      t.entryPrice,
      iso(t.exitTime),
      t.exitPrice,
      t.quantity,
      t.pnl,
      t.returnPercent,
      t.commission,
      t.barsHeld,
      t.exitReason,
    ]),
  );
  return `${[csvRow(HEADER), ...rows].join("\r\n")}\r\n`;
}

/** A file name from the strategy's name and the run: letters, digits and dashes only. */
export function csvFileName(strategyName: string, version: number): string {
  const slug = strategyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "strategy"}-v${version}-trades.csv`;
}
