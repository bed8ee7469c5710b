/** The datasets a preview can run on: the bundled samples, and a long synthetic series for speed checks. */
export interface Dataset {
  id: string;
  label: string;
  /** Served from public/samples; absent for generated data. */
  file?: string;
  /** Bars of generated data. */
  synthetic?: number;
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
  return DATASETS.find((d) => d.id === id) ?? DATASETS[0];
}
