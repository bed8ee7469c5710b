import { type BarColumns, emptyBars } from "./bars";

/**
 * CSV import for the sample formats: a header row naming the columns, then one bar per line,
 * oldest first. Accepted columns (case-insensitive, any order): Date (YYYY-MM-DD, or a full
 * "YYYY-MM-DD HH:MM[:SS]" / ISO timestamp), optional Time (HH:MM[:SS]), Open, High, Low, Close,
 * optional Volume (0 when absent), and ignored extras such as Adj Close and OpenInterest.
 * Times are read as UTC. Every problem names the line (the header is line 1) and what is wrong.
 */
export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvResult = { ok: true; bars: BarColumns } | { ok: false; problems: CsvProblem[] };

const REQUIRED = ["date", "open", "high", "low", "close"] as const;
/** Enough problems to fix a file in a few passes without flooding the screen. */
const MAX_PROBLEMS = 10;

export function parseBarsCsv(text: string): CsvResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0]?.trim() ?? "";
  if (header === "")
    return fail(1, "The file is empty: expected a header row such as Date,Open,High,Low,Close,Volume.");
  const names = header.split(",").map((name) => name.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  const missing = REQUIRED.filter((name) => at(name) < 0);
  if (missing.length > 0) {
    const list = missing.map((name) => name[0].toUpperCase() + name.slice(1)).join(", ");
    return fail(1, `The header has no ${list} column${missing.length > 1 ? "s" : ""}; found: ${header}.`);
  }
  const column = {
    date: at("date"),
    time: at("time"),
    open: at("open"),
    high: at("high"),
    low: at("low"),
    close: at("close"),
    volume: at("volume"),
  };

  const rows: number[] = [];
  for (let index = 1; index < lines.length; index++) if (lines[index].trim() !== "") rows.push(index);
  const bars = emptyBars(rows.length);
  const problems: CsvProblem[] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  let previousLine = 1;

  for (let r = 0; r < rows.length && problems.length < MAX_PROBLEMS; r++) {
    const line = rows[r] + 1;
    const cells = lines[rows[r]].split(",");
    if (cells.length !== names.length) {
      problems.push({
        line,
        message: `expected ${names.length} values like the header, found ${cells.length}.`,
      });
      continue;
    }
    const dateText = cells[column.date].trim();
    const timeText = column.time >= 0 ? cells[column.time].trim() : "";
    const time = parseTimestamp(dateText, timeText);
    if (Number.isNaN(time)) {
      const shown = timeText ? `${dateText} ${timeText}` : dateText;
      problems.push({
        line,
        message: `"${shown}" is not a date (expected YYYY-MM-DD, with HH:MM[:SS] time).`,
      });
      continue;
    }
    const values: Record<"open" | "high" | "low" | "close" | "volume", number> = {
      open: 0,
      high: 0,
      low: 0,
      close: 0,
      volume: 0,
    };
    let bad = false;
    for (const field of ["open", "high", "low", "close", "volume"] as const) {
      if (column[field] < 0) continue;
      const cell = cells[column[field]].trim();
      const value = cell === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) {
        problems.push({ line, message: `${capital(field)} "${cell}" is not a number.` });
        bad = true;
        break;
      }
      values[field] = value;
    }
    if (bad) continue;
    const { open, high, low, close, volume } = values;
    const problem =
      high < low
        ? `High ${high} is below Low ${low}.`
        : open < low || open > high
          ? `Open ${open} is outside the bar's range [${low}, ${high}].`
          : close < low || close > high
            ? `Close ${close} is outside the bar's range [${low}, ${high}].`
            : volume < 0
              ? `Volume ${volume} is negative.`
              : time === previousTime
                ? `the timestamp repeats the one on line ${previousLine}.`
                : time < previousTime
                  ? `the timestamp is earlier than the one on line ${previousLine}; rows must be sorted oldest first.`
                  : "";
    if (problem) {
      problems.push({ line, message: problem });
      continue;
    }
    bars.time[r] = time;
    bars.open[r] = open;
    bars.high[r] = high;
    bars.low[r] = low;
    bars.close[r] = close;
    bars.volume[r] = volume;
    previousTime = time;
    previousLine = line;
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return fail(2, "The file has a header but no bars.");
  return { ok: true, bars };
}

/** One sentence per problem, for a CLI or an upload form. */
export function describeProblems(problems: readonly CsvProblem[], file = "the file"): string {
  return problems.map(({ line, message }) => `Line ${line} of ${file}: ${message}`).join("\n");
}

function fail(line: number, message: string): CsvResult {
  return { ok: false, problems: [{ line, message }] };
}

function capital(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z)?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Epoch ms (UTC) of a date and optional time; NaN when either is malformed or out of range. */
export function parseTimestamp(dateText: string, timeText = ""): number {
  const date = DATE.exec(dateText);
  if (!date) return Number.NaN;
  let [hour, minute, second] = [Number(date[4] ?? 0), Number(date[5] ?? 0), Number(date[6] ?? 0)];
  const millis = Number((date[7] ?? "0").padEnd(3, "0"));
  if (timeText) {
    const time = TIME.exec(timeText);
    if (!time || date[4] !== undefined) return Number.NaN;
    [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  }
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2006-02-30 over to March; a date that does not exist is an error, not a guess.
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}
