"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import type { SaveStatus } from "@/app/_features/canvas/use-autosave";
import { ProgressBar } from "@/app/_features/data/progress-bar";
import { datasetById } from "@/app/_features/preview/datasets";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { type BacktestUpdate, FINISHED, useBacktestUpdates } from "./use-backtest-updates";

/**
 * The server's id for a preview dataset: bundled samples are `sample:<id>`, the user's own
 * datasets keep their id, and generated data has none.
 */
export function serverDataset(previewId: string): string | undefined {
  const dataset = datasetById(previewId);
  if (dataset.server) return dataset.server;
  return dataset.file ? `sample:${dataset.id}` : undefined;
}

type Run =
  | { phase: "saving" }
  | { phase: "starting" }
  | { phase: "running"; id: string; update?: BacktestUpdate }
  | { phase: "failed"; id?: string; message: string };

/**
 * "Run backtest" in the editor's toolbar: saves pending edits, starts the full backtest of the
 * saved version on the dataset chosen in the preview, and shows its progress until the report
 * can be opened. Updates come over the socket; a slow poll covers a run that ends before the
 * socket is connected.
 */
export function RunBacktest({
  strategyId,
  saveStatus,
  version,
  saveNow,
  dataset,
  blocker,
}: {
  strategyId: string;
  saveStatus: SaveStatus;
  version: number;
  saveNow: () => void;
  dataset: string;
  /** Why the strategy cannot run yet (see runBlocker). */
  blocker: string | undefined;
}) {
  const trpc = useTRPC();
  const [run, setRun] = useState<Run | null>(null);
  const start = useMutation(trpc.backtests.start.mutationOptions());
  const cancel = useMutation(trpc.backtests.cancel.mutationOptions());
  const target = serverDataset(dataset);

  const launch = useCallback(
    async (savedVersion: number) => {
      if (!target) return;
      setRun({ phase: "starting" });
      try {
        const { id } = await start.mutateAsync({ strategyId, version: savedVersion, dataset: target });
        setRun({ phase: "running", id });
      } catch (error) {
        setRun({ phase: "failed", message: errorMessage(error) });
      }
    },
    [start, strategyId, target],
  );

  // Edits not yet saved are saved first, so the backtest runs what the canvas shows.
  useEffect(() => {
    if (run?.phase !== "saving") return;
    if (saveStatus === "saved") void launch(version);
    else if (saveStatus === "conflict")
      setRun({
        phase: "failed",
        message: "This strategy was changed in another tab. Choose which version continues, then run again.",
      });
    else if (saveStatus === "error")
      setRun({
        phase: "failed",
        message: "Your latest edits could not be saved. Retry saving, then run again.",
      });
  }, [run, saveStatus, version, launch]);

  const runningId = run?.phase === "running" ? run.id : undefined;
  useBacktestUpdates(Boolean(runningId), (update) => {
    if (update.id !== runningId) return;
    setRun({ phase: "running", id: update.id, update });
  });
  const polled = useQuery({
    ...trpc.backtests.get.queryOptions({ id: runningId ?? "" }),
    enabled: Boolean(runningId),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 2000),
    staleTime: 0,
  });
  useEffect(() => {
    const row = polled.data;
    if (!row || run?.phase !== "running" || row.id !== run.id) return;
    if (FINISHED.has(row.status) && !(run.update && FINISHED.has(run.update.status))) {
      setRun({
        phase: "running",
        id: row.id,
        update: {
          id: row.id,
          status: row.status,
          progress: row.progress,
          stage: row.status === "succeeded" ? "Done" : row.status,
          error: row.error ?? undefined,
        },
      });
    }
  }, [polled.data, run]);

  const onClick = () => {
    if (saveStatus === "saved") void launch(version);
    else {
      setRun({ phase: "saving" });
      if (saveStatus !== "saving") saveNow();
    }
  };

  const busy =
    run?.phase === "saving" ||
    run?.phase === "starting" ||
    (run?.phase === "running" && !(run.update && FINISHED.has(run.update.status)));
  const reason =
    blocker ??
    (!target
      ? "Generated data runs only in the preview; choose a sample dataset to backtest"
      : "Run the saved strategy on the whole dataset and open a report");

  return (
    <div className="relative">
      {/* A disabled button shows no tooltip, so the reason sits on a wrapper that stays hoverable. */}
      <span title={reason} className="inline-flex" data-testid="run-backtest-wrapper">
        <Button
          size="sm"
          className="h-7 text-xs"
          onClick={onClick}
          disabled={blocker !== undefined || !target || busy}
          aria-describedby={blocker ? "run-backtest-reason" : undefined}
        >
          {busy ? "Running…" : "Run backtest"}
        </Button>
      </span>
      {blocker && (
        <span id="run-backtest-reason" className="sr-only">
          {reason}
        </span>
      )}
      {run && (
        <RunPanel
          run={run}
          onCancel={(id) => cancel.mutate({ id })}
          onClose={() => setRun(null)}
          cancelError={cancel.error ? errorMessage(cancel.error) : undefined}
        />
      )}
    </div>
  );
}

function RunPanel({
  run,
  onCancel,
  onClose,
  cancelError,
}: {
  run: Run;
  onCancel: (id: string) => void;
  onClose: () => void;
  cancelError?: string;
}) {
  const update = run.phase === "running" ? run.update : undefined;
  const status = update?.status;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="backtest-run"
      className="absolute top-9 right-0 z-50 w-80 rounded-lg border border-border bg-card p-3 text-sm shadow-lg"
    >
      {run.phase === "saving" && <p className="text-muted-foreground">Saving your latest edits…</p>}
      {run.phase === "starting" && <p className="text-muted-foreground">Starting the backtest…</p>}
      {run.phase === "failed" && (
        <>
          <p className="font-medium text-destructive">The backtest did not start</p>
          <p className="mt-1 text-muted-foreground" data-testid="backtest-error">
            {run.message}
          </p>
        </>
      )}
      {run.phase === "running" && (!status || status === "queued" || status === "running") && (
        <>
          <div className="mb-2 flex items-center justify-between gap-2">
            <span className="truncate font-medium" data-testid="backtest-stage">
              {update?.stage ?? "Queued"}
            </span>
            <span className="text-xs tabular-nums text-muted-foreground">
              {Math.round((update?.progress ?? 0) * 100)}%
            </span>
          </div>
          <ProgressBar value={update?.progress ?? 0} label="Backtest progress" />
          <div className="mt-3 flex justify-end">
            <Button size="sm" variant="outline" className="h-7 text-xs" onClick={() => onCancel(run.id)}>
              Cancel
            </Button>
          </div>
          {cancelError && <p className="mt-2 text-xs text-destructive">{cancelError}</p>}
        </>
      )}
      {run.phase === "running" && status === "succeeded" && (
        <div className="flex items-center justify-between gap-2 pr-5">
          <span className="font-medium text-success">Backtest finished</span>
          <Link
            href={`/backtests/${run.id}`}
            className={buttonVariants({ size: "sm", className: "h-7 text-xs" })}
            data-testid="open-report"
          >
            Open report
          </Link>
        </div>
      )}
      {run.phase === "running" && status === "failed" && (
        <>
          <p className="font-medium text-destructive">The backtest failed</p>
          <p className="mt-1 text-muted-foreground" data-testid="backtest-error">
            {update?.error ?? "The server did not say why. Run it again."}
          </p>
        </>
      )}
      {run.phase === "running" && status === "cancelled" && (
        <p className="text-muted-foreground">The backtest was cancelled.</p>
      )}
      {(run.phase === "failed" || (status && FINISHED.has(status))) && (
        <button
          type="button"
          onClick={onClose}
          aria-label="Dismiss"
          className="absolute top-1.5 right-2 cursor-pointer text-muted-foreground hover:text-foreground"
        >
          ×
        </button>
      )}
    </div>
  );
}
