import { isUserDataset, SAMPLE_DATASETS } from "@/engine-runtime/data/samples";
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

/** The bundled samples (one list, engine-runtime/data/samples.ts) and 10,000 generated bars. */
export const DATASETS: readonly Dataset[] = [
  ...SAMPLE_DATASETS.map((sample) => ({
    id: sample.id.slice("sample:".length),
    label: sample.name,
    file: `/samples/${sample.file}`,
  })),
  { id: "synthetic-10k", label: "Synthetic · 10,000 bars", synthetic: 10_000 },
];

export const DEFAULT_DATASET = DATASETS[0].id;

export function datasetById(id: string): Dataset {
  if (isUserDataset(id)) return { id, label: "your dataset", server: id };
  return DATASETS.find((d) => d.id === id) ?? DATASETS[0];
}

/** A preview reads at most this many of a user dataset's newest bars, so a long history stays quick. */
export const USER_DATASET_BARS = 20_000;
