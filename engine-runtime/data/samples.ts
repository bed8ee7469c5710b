/**
 * The sample datasets bundled with Strata (public/samples/, copied from the project's shared
 * market data). The browser fetches them from /samples/<file>; the server reads the same files.
 */
export interface SampleDataset {
  /** Dataset id as stored with backtests: `sample:<file without .csv>`. */
  id: string;
  file: string;
  name: string;
  timeframe: "5m" | "1d" | "1w";
  bars: number;
  description: string;
}

export const SAMPLE_DATASETS: readonly SampleDataset[] = [
  {
    id: "sample:orcl-1995-2014",
    file: "orcl-1995-2014.csv",
    name: "Oracle (ORCL) daily, 1995–2014",
    timeframe: "1d",
    bars: 5036,
    description: "Twenty years of a large-cap stock: two bubbles and a crash.",
  },
  {
    id: "sample:nvda-1999-2014",
    file: "nvda-1999-2014.csv",
    name: "NVIDIA (NVDA) daily, 1999–2014",
    timeframe: "1d",
    bars: 4012,
    description: "A volatile growth stock from its listing year.",
  },
  {
    id: "sample:yhoo-1996-2014",
    file: "yhoo-1996-2014.csv",
    name: "Yahoo (YHOO) daily, 1996–2014",
    timeframe: "1d",
    bars: 4713,
    description: "The dot-com boom and bust, and after.",
  },
  {
    id: "sample:2006-day-001",
    file: "2006-day-001.csv",
    name: "Index daily, 2006",
    timeframe: "1d",
    bars: 255,
    description: "One year of a stock index; small and quick.",
  },
  {
    id: "sample:2006-week-001",
    file: "2006-week-001.csv",
    name: "Index weekly, 2006",
    timeframe: "1w",
    bars: 52,
    description: "The same index, one bar per week.",
  },
  {
    id: "sample:2006-min-005",
    file: "2006-min-005.csv",
    name: "Index 5-minute, January 2006",
    timeframe: "5m",
    bars: 2142,
    description: "Intraday bars over the first weeks of 2006.",
  },
];

export function findSample(id: string): SampleDataset | undefined {
  return SAMPLE_DATASETS.find((sample) => sample.id === id);
}

/** A user's own dataset (an upload or a venue symbol), read from the database by its owner only. */
export function isUserDataset(id: string): boolean {
  return id.startsWith("upload:") || id.startsWith("venue:");
}
