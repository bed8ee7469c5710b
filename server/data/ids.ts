import { TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";

/**
 * Dataset ids as backtests store them and pickers send them:
 * - `sample:<file>`: a bundled sample, the same for everyone;
 * - `upload:<row id>`: a file one user uploaded;
 * - `venue:<venue>:<symbol>:<timeframe>`: a venue symbol one user added (symbols may hold ":" or "/").
 */
export type DatasetRef =
  | { kind: "sample"; id: string }
  | { kind: "upload"; rowId: string }
  | { kind: "venue"; venue: string; symbol: string; timeframe: Timeframe };

export function parseDatasetId(id: string): DatasetRef | null {
  if (id.startsWith("sample:")) return { kind: "sample", id };
  if (id.startsWith("upload:")) {
    const rowId = id.slice("upload:".length);
    return /^[\w-]{1,64}$/.test(rowId) ? { kind: "upload", rowId } : null;
  }
  if (id.startsWith("venue:")) {
    const rest = id.slice("venue:".length);
    const venueEnd = rest.indexOf(":");
    const timeframeStart = rest.lastIndexOf(":");
    if (venueEnd <= 0 || timeframeStart <= venueEnd + 1) return null;
    const timeframe = rest.slice(timeframeStart + 1);
    if (!(TIMEFRAMES as readonly string[]).includes(timeframe)) return null;
    return {
      kind: "venue",
      venue: rest.slice(0, venueEnd),
      symbol: rest.slice(venueEnd + 1, timeframeStart),
      timeframe: timeframe as Timeframe,
    };
  }
  return null;
}

export const uploadDatasetId = (rowId: string) => `upload:${rowId}`;
export const venueDatasetId = (venue: string, symbol: string, timeframe: Timeframe) =>
  `venue:${venue}:${symbol}:${timeframe}`;
