import { parentPort, workerData } from "node:worker_threads";
import type { BarColumns } from "@/engine-runtime/data/bars";
import type { RunSettingsInput } from "@/engine-runtime/execution/settings";
import { runBacktest } from "@/engine-runtime/native";
import { planSchema } from "@/engine-runtime/plan/schema";
import { storedReport } from "@/engine-runtime/report/stored";
import { loadDataset } from "./datasets";

/**
 * One backtest, off the request thread. Receives the plan, the dataset id and the run settings;
 * reports each stage as progress and ends with the stored report or an error sentence.
 */
export interface BacktestJobInput {
  plan: unknown;
  dataset: string;
  settings: RunSettingsInput;
  /** A user's dataset, read by the parent from the database; samples are read here from their file. */
  bars?: BarColumns;
}

export type BacktestWorkerMessage =
  | { type: "progress"; progress: number; stage: string }
  | { type: "done"; report: ReturnType<typeof storedReport> }
  | { type: "failed"; error: string };

const post = (message: BacktestWorkerMessage) => parentPort!.postMessage(message);

async function run({ plan: rawPlan, dataset, settings, bars: given }: BacktestJobInput) {
  post({ type: "progress", progress: 0.05, stage: "Loading price data" });
  const bars = given ?? (await loadDataset(dataset));
  const plan = planSchema.parse(rawPlan);
  post({
    type: "progress",
    progress: 0.2,
    stage: `Simulating ${bars.time.length.toLocaleString("en")} bars`,
  });
  const result = runBacktest(plan, bars, settings);
  post({ type: "progress", progress: 0.9, stage: "Writing the report" });
  post({ type: "done", report: storedReport(result) });
}

run(workerData as BacktestJobInput).catch((error: unknown) =>
  post({ type: "failed", error: error instanceof Error ? error.message : String(error) }),
);
