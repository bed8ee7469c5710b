import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { describeProblems, parseBarsCsv } from "@/engine-runtime/data/csv";
import { findSample, SAMPLE_DATASETS } from "@/engine-runtime/data/samples";

const samplesDir = fileURLToPath(new URL("../../public/samples/", import.meta.url));

/** Datasets a backtest can run on. Sample datasets are bundled; user datasets arrive with the market-data store. */
export function knownDataset(id: string): boolean {
  return Boolean(findSample(id));
}

export function datasetChoices() {
  return SAMPLE_DATASETS.map(({ id, name, timeframe, bars, description }) => ({
    id,
    name,
    timeframe,
    bars,
    description,
  }));
}

/** Loads a dataset's bars; an unknown id or a broken file is an error with a sentence. */
export async function loadDataset(id: string): Promise<BarColumns> {
  const sample = findSample(id);
  if (!sample) throw new Error(`There is no dataset "${id}". Choose one of the listed datasets.`);
  const parsed = parseBarsCsv(await readFile(samplesDir + sample.file, "utf8"));
  if (!parsed.ok) throw new Error(describeProblems(parsed.problems, sample.file));
  return parsed.bars;
}
