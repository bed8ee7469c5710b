/// <reference lib="webworker" />

import { decodeBars, type EncodedBars } from "@/app/_features/data/bars";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { describeProblems, parseBarsCsv } from "@/engine-runtime/data/csv";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { runBatch } from "@/engine-runtime/executor";
import { datasetById, USER_DATASET_BARS } from "./datasets";
import type { PreviewRequest, PreviewResponse } from "./protocol";
import { PREVIEW_SETTINGS } from "./settings";

/**
 * Runs previews off the main thread so the canvas never stutters. Requests that arrive while one
 * runs wait, and only the newest waiting one is run: an edit supersedes the edits before it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const loaded = new Map<string, Promise<BarColumns>>();
let waiting: PreviewRequest | undefined;
let busy = false;

scope.onmessage = (event: MessageEvent<PreviewRequest>) => {
  waiting = event.data;
  if (!busy) void drain();
};

async function drain() {
  busy = true;
  while (waiting) {
    const request = waiting;
    waiting = undefined;
    try {
      const bars = await barsOf(request.dataset);
      if (waiting) continue;
      const started = performance.now();
      const result = runBatch(request.plan, bars, PREVIEW_SETTINGS);
      const runMs = performance.now() - started;
      post({
        type: "result",
        generation: request.generation,
        dataset: request.dataset,
        time: result.time,
        equity: result.equity,
        drawdown: result.drawdown,
        metrics: result.metrics,
        trades: result.trades,
        openTrades: result.openTrades,
        fills: result.fills,
        series: result.series.map(({ slot, label, pane, kind, values }) => ({
          slot,
          label,
          pane,
          kind,
          values,
        })),
        runMs,
      });
    } catch (error) {
      post({
        type: "error",
        generation: request.generation,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  busy = false;
}

function barsOf(id: string): Promise<BarColumns> {
  let bars = loaded.get(id);
  if (!bars) {
    bars = load(id).then((columns) => {
      post({ type: "bars", dataset: id, bars: columns });
      return columns;
    });
    bars.catch(() => loaded.delete(id));
    loaded.set(id, bars);
  }
  return bars;
}

async function load(id: string): Promise<BarColumns> {
  const dataset = datasetById(id);
  if (dataset.synthetic) return syntheticBars({ count: dataset.synthetic, seed: 7, intervalMs: 3_600_000 });
  if (dataset.server) return loadUserDataset(dataset.server);
  const response = await fetch(dataset.file!);
  if (!response.ok)
    throw new Error(`The dataset ${dataset.label} could not be loaded (HTTP ${response.status}).`);
  const parsed = parseBarsCsv(await response.text());
  if (!parsed.ok) throw new Error(describeProblems(parsed.problems, dataset.label));
  return parsed.bars;
}

/** The user's own dataset, through the same tRPC query the app uses (the session cookie goes along). */
async function loadUserDataset(id: string): Promise<BarColumns> {
  const input = encodeURIComponent(JSON.stringify({ json: { id, last: USER_DATASET_BARS } }));
  const response = await fetch(`/api/trpc/data.bars?input=${input}`, { credentials: "same-origin" });
  const body = (await response.json()) as {
    result?: { data: { json: EncodedBars } };
    error?: { json?: { message?: string } };
  };
  if (!body.result)
    throw new Error(
      body.error?.json?.message ?? `Your dataset could not be loaded (HTTP ${response.status}).`,
    );
  return decodeBars(body.result.data.json);
}

function post(message: PreviewResponse) {
  // Structured clone copies the columns; at 10k bars that is well under a millisecond.
  scope.postMessage(message);
}
