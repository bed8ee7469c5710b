/**
 * The datasets a preview can run on: the bundled samples, a long synthetic series for speed
 * checks, and the user's own datasets (uploads and venue symbols, loaded from the server).
 */
export interface Dataset {
  id: string;
  label: string;
  /** Served from public/samples; absent for generated data. */
  file?: string;
  /** Bars of generated data. */
  synthetic?: number;
  /** The user's dataset, read through `data.bars`: its id on the server. */
  server?: string;
}

/** Ids of the user's datasets on the server start with their source. */
export function isUserDataset(id: string): boolean {
  return id.startsWith("upload:") || id.startsWith("venue:");
}

export const DATASETS: readonly Dataset[] = [
  { id: "orcl-1995-2014", label: "Oracle · daily 1995–2014", file: "/samples/orcl-1995-2014.csv" },
  { id: "nvda-1999-2014", label: "NVIDIA · daily 1999–2014", file: "/samples/nvda-1999-2014.csv" },
  { id: "yhoo-1996-2014", label: "Yahoo · daily 1996–2014", file: "/samples/yhoo-1996-2014.csv" },
  { id: "2006-day-001", label: "Index · daily 2006", file: "/samples/2006-day-001.csv" },
  { id: "2006-week-001", label: "Index · weekly 2006", file: "/samples/2006-week-001.csv" },
  { id: "2006-min-005", label: "Index · 5-minute, Jan 2006", file: "/samples/2006-min-005.csv" },
  { id: "synthetic-10k", label: "Synthetic · 10,000 bars", synthetic: 10_000 },
];

export const DEFAULT_DATASET = DATASETS[0].id;

export function datasetById(id: string): Dataset {
  if (isUserDataset(id)) return { id, label: "your dataset", server: id };
  return DATASETS.find((d) => d.id === id) ?? DATASETS[0];
}

/** A preview reads at most this many of a user dataset's newest bars, so a long history stays quick. */
export const USER_DATASET_BARS = 20_000;
