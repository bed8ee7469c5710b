import { type BarColumns, sliceBars } from "@/engine-runtime/data/bars";
import { type CsvProblem, describeProblems, parseBarsCsv } from "@/engine-runtime/data/csv";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import { lowerBound } from "../core/columns";
import type { Connector } from "../core/types";

export type UploadResult =
  | { ok: true; symbol: string; timeframe: Timeframe; bars: BarColumns }
  /** `message` is one sentence per problem, naming the line of the file. */
  | { ok: false; problems: CsvProblem[]; message: string };

export interface UploadConnector extends Connector {
  /** Parses a CSV file (engine-runtime/data/csv.ts formats) and keeps it as the symbol's bars. */
  upload(symbol: string, timeframe: Timeframe, text: string, fileName?: string): UploadResult;
  /** What has been uploaded: symbol, timeframe and bar count. */
  datasets(): { symbol: string; timeframe: Timeframe; bars: number }[];
}

/**
 * Bars the user brought as files. History reads them back by range; there is no live feed.
 * Persisting uploads is the store's job; this connector keeps them for the process's lifetime.
 */
export function createUploadConnector(): UploadConnector {
  const uploads = new Map<string, { symbol: string; timeframe: Timeframe; bars: BarColumns }>();
  return {
    venue: "upload",
    async history(symbol, timeframe, from, to) {
      const dataset = uploads.get(`${symbol}:${timeframe}`);
      if (!dataset) {
        const known = [...uploads.values()].map((d) => `${d.symbol} ${d.timeframe}`).join(", ") || "none yet";
        throw new Error(`No uploaded file holds ${symbol} ${timeframe} bars; uploaded: ${known}.`);
      }
      const { time } = dataset.bars;
      return sliceBars(dataset.bars, lowerBound(time, from), lowerBound(time, to));
    },
    upload(symbol, timeframe, text, fileName = "the file") {
      const parsed = parseBarsCsv(text);
      if (!parsed.ok)
        return { ok: false, problems: parsed.problems, message: describeProblems(parsed.problems, fileName) };
      const spacing = tooClose(parsed.bars, timeframe);
      if (spacing) {
        const message = `${fileName} has bars ${spacing.minutes} minutes apart (at ${spacing.at}), shorter than the ${timeframe} timeframe chosen for it; pick the file's real timeframe.`;
        return { ok: false, problems: [{ line: spacing.line, message }], message };
      }
      uploads.set(`${symbol}:${timeframe}`, { symbol, timeframe, bars: parsed.bars });
      return { ok: true, symbol, timeframe, bars: parsed.bars };
    },
    datasets: () =>
      [...uploads.values()].map((d) => ({
        symbol: d.symbol,
        timeframe: d.timeframe,
        bars: d.bars.time.length,
      })),
  };
}

/** Bars closer together than the timeframe mean the file holds a shorter timeframe than claimed. */
function tooClose(
  bars: BarColumns,
  timeframe: Timeframe,
): { minutes: number; at: string; line: number } | undefined {
  for (let i = 1; i < bars.time.length; i++) {
    const gap = bars.time[i] - bars.time[i - 1];
    if (gap < TIMEFRAME_MS[timeframe]) {
      return { minutes: gap / 60_000, at: new Date(bars.time[i]).toISOString(), line: i + 2 };
    }
  }
  return undefined;
}
