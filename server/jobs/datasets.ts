import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { describeProblems, parseBarsCsv } from "@/engine-runtime/data/csv";
import { findSample, isUserDataset } from "@/engine-runtime/data/samples";
import type { DataServices } from "@/server/data/service";

const samplesDir = fileURLToPath(new URL("../../public/samples/", import.meta.url));

/**
 * Datasets a backtest can run on: the bundled samples (`sample:<file>`, everyone's) and each
 * user's own uploads (`upload:<id>`) and venue symbols (`venue:<venue>:<symbol>:<timeframe>`),
 * which live in the database and are owner-checked (server/data).
 */
export function knownDataset(id: string): boolean {
  return Boolean(findSample(id));
}

/**
 * Whether `ownerId` may run a backtest on dataset `id`, and if so how its bars are loaded:
 * `load` is undefined for samples (the worker reads the file itself) and reads the owner's bars
 * from the store otherwise. Null when the dataset does not exist or belongs to someone else.
 */
export async function datasetForBacktest(
  data: DataServices,
  ownerId: string,
  id: string,
): Promise<{ load?: () => Promise<BarColumns> } | null> {
  if (knownDataset(id)) return {};
  if (!isUserDataset(id) || !(await data.find(ownerId, id))) return null;
  return { load: () => data.load(ownerId, id) };
}

/** Loads a bundled sample's bars; an unknown id or a broken file is an error with a sentence. */
export async function loadDataset(id: string): Promise<BarColumns> {
  const sample = findSample(id);
  if (!sample) {
    throw new Error(
      isUserDataset(id)
        ? `The dataset "${id}" is read from the database by its owner's request; it cannot be loaded here.`
        : `There is no dataset "${id}". Choose one of the listed datasets.`,
    );
  }
  const parsed = parseBarsCsv(await readFile(samplesDir + sample.file, "utf8"));
  if (!parsed.ok) throw new Error(describeProblems(parsed.problems, sample.file));
  return parsed.bars;
}
