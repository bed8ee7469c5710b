export { runBatch } from "./batch";
export type { BacktestResult, PlotSeries } from "./result";
export { createStream, type PlanStream, type StepOutcome } from "./stream";
