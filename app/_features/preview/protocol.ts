import type { BarColumns } from "@/engine-runtime/data/bars";
import type { Metrics } from "@/engine-runtime/execution/metrics";
import type { Fill, Trade } from "@/engine-runtime/execution/types";
import type { Plan, Plot } from "@/engine-runtime/plan/schema";

/** Messages between the editor and the preview worker. `generation` ties a result to its edit. */
export type PreviewRequest = { type: "run"; generation: number; plan: Plan; dataset: string };

export interface PreviewResult {
  generation: number;
  dataset: string;
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  metrics: Metrics;
  trades: Trade[];
  openTrades: Trade[];
  fills: Fill[];
  series: (Plot & { values: Float64Array })[];
  /** Milliseconds the run took in the worker, data loading excluded. */
  runMs: number;
}

export type PreviewResponse =
  | { type: "bars"; dataset: string; bars: BarColumns }
  | ({ type: "result" } & PreviewResult)
  | { type: "error"; generation: number; message: string };
