import type { BarColumns } from "@/engine-runtime/data/bars";
import { SAMPLE_DATASETS } from "@/engine-runtime/data/samples";
import { loadDataset } from "@/server/jobs/datasets";
import type { DatasetSummary } from "./service";

/** Bundled samples never change while the process runs: read each file once. */
const loaded = new Map<string, Promise<BarColumns>>();

export function sampleBars(id: string): Promise<BarColumns> | null {
  if (!SAMPLE_DATASETS.some((sample) => sample.id === id)) return null;
  let bars = loaded.get(id);
  if (!bars) {
    bars = loadDataset(id);
    loaded.set(id, bars);
    bars.catch(() => loaded.delete(id));
  }
  return bars;
}

let summaries: Promise<DatasetSummary[]> | null = null;

export function sampleSummaries(): Promise<DatasetSummary[]> {
  summaries ??= Promise.all(
    SAMPLE_DATASETS.map(async (sample): Promise<DatasetSummary> => {
      const bars = (await sampleBars(sample.id))!;
      const n = bars.time.length;
      return {
        id: sample.id,
        name: sample.name,
        source: "sample",
        symbol: null,
        timeframe: sample.timeframe,
        bars: n,
        first: n > 0 ? bars.time[0] : null,
        last: n > 0 ? bars.time[n - 1] : null,
        coverage: n > 0 ? [{ from: bars.time[0], to: bars.time[n - 1] }] : [],
        gaps: [],
        status: "ready",
        error: null,
        description: sample.description,
        deletable: false,
      };
    }),
  );
  summaries.catch(() => {
    summaries = null;
  });
  return summaries;
}
