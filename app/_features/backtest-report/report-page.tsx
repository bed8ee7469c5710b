"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { ProgressBar } from "@/app/_features/data/progress-bar";
import { useDarkTheme } from "@/app/_features/preview/use-dark";
import { cn } from "@/app/_lib/cn";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { findSample } from "@/engine-runtime/data/samples";
import type { RunSettings } from "@/engine-runtime/execution/settings";
import type { StoredReport } from "@/engine-runtime/report/stored";
import { csvFileName, tradesCsv } from "./csv";
import { describeRunSettings, formatBarTime, formatDuration, formatMoney, metricCards } from "./format";
import { CurveChart } from "./report-charts";
import { TradesTable } from "./trades-table";
import { type BacktestUpdate, FINISHED, useBacktestUpdates } from "./use-backtest-updates";

/** The report of one full backtest; while it runs, its progress, live from the server. */
export function BacktestReportPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<BacktestUpdate>();
  const backtest = useQuery({
    ...trpc.backtests.get.queryOptions({ id }),
    retry: false,
    staleTime: 0,
    // The socket brings progress; the slow poll is for a run that ended before the socket connected.
    refetchInterval: (query) => (query.state.data && !FINISHED.has(query.state.data.status) ? 3000 : false),
  });
  const running = Boolean(backtest.data && !FINISHED.has(backtest.data.status));
  useBacktestUpdates(running, (update) => {
    if (update.id !== id) return;
    setLive(update);
    if (FINISHED.has(update.status))
      void queryClient.invalidateQueries({ queryKey: trpc.backtests.get.queryKey({ id }) });
  });

  if (backtest.isPending) return <LoadingReport />;
  if (backtest.error) {
    const code = (backtest.error as { data?: { code?: string } }).data?.code;
    return (
      <div className="mx-auto max-w-md space-y-4 py-16 text-center" data-testid="report-missing">
        <h1 className="text-xl font-semibold">
          {code === "UNAUTHORIZED" ? "Sign in to see this backtest" : "Backtest not found"}
        </h1>
        <p className="text-sm text-muted-foreground">
          {/* A malformed id in the address is simply one that does not exist. */}
          {code === "BAD_REQUEST"
            ? "This backtest does not exist or is not yours."
            : errorMessage(backtest.error)}
        </p>
        <Link
          className={buttonVariants({ variant: "outline" })}
          href={code === "UNAUTHORIZED" ? "/sign-in" : "/strategies"}
        >
          {code === "UNAUTHORIZED" ? "Sign in" : "Back to my strategies"}
        </Link>
      </div>
    );
  }

  const row = backtest.data;
  const settings = row.parameters as RunSettings;
  const report = row.status === "succeeded" ? (row.result as StoredReport | null) : null;
  const datasetName = findSample(row.dataset)?.name ?? row.dataset;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <Link
            href={`/strategies/${row.strategy.id}`}
            className="text-xs text-muted-foreground hover:text-foreground"
          >
            ← Back to the editor
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="report-title">
            {row.strategy.name} <span className="text-muted-foreground">· version {row.version}</span>
          </h1>
          <p className="text-sm text-muted-foreground" data-testid="report-summary">
            {datasetName}
            {report && ` · ${report.bars.toLocaleString("en-US")} bars`} · {describeRunSettings(settings)}
          </p>
        </div>
        <div className="text-right text-xs text-muted-foreground">
          <div>Run {row.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</div>
          {row.startedAt && row.finishedAt && (
            <div data-testid="report-run-time">
              took {formatDuration(row.finishedAt.getTime() - row.startedAt.getTime())}
            </div>
          )}
        </div>
      </header>
      {report ? (
        <Report report={report} name={row.strategy.name} version={row.version} />
      ) : (
        <RunState status={row.status} error={row.error} live={live} progress={row.progress} />
      )}
    </div>
  );
}

function RunState({
  status,
  error,
  live,
  progress,
}: {
  status: string;
  error: string | null;
  live?: BacktestUpdate;
  progress: number;
}) {
  if (status === "queued" || status === "running") {
    const value = live?.progress ?? progress;
    return (
      <Card className="space-y-3 p-6" data-testid="report-running">
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium">{live?.stage ?? (status === "queued" ? "Queued" : "Running")}</span>
          <span className="tabular-nums text-muted-foreground">{Math.round(value * 100)}%</span>
        </div>
        <ProgressBar value={value} label="Backtest progress" />
        <p className="text-xs text-muted-foreground">The report appears here when the run finishes.</p>
      </Card>
    );
  }
  return (
    <Card className="space-y-2 p-6" data-testid="report-failed">
      <h2 className="font-medium text-destructive">
        {status === "cancelled" ? "This backtest was cancelled" : "This backtest failed"}
      </h2>
      <p className="text-sm text-muted-foreground">
        {status === "cancelled"
          ? "Run it again from the editor to get a report."
          : (error ?? "The server did not say why. Run it again from the editor.")}
      </p>
    </Card>
  );
}

function Report({ report, name, version }: { report: StoredReport; name: string; version: number }) {
  const dark = useDarkTheme();
  const trades = [...report.trades, ...report.openTrades];
  const intraday = report.metrics.barsPerYear > 400;
  const download = () => {
    const url = URL.createObjectURL(new Blob([tradesCsv(trades)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(name, version);
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <p className="-mt-4 text-xs text-muted-foreground">
        {formatBarTime(report.firstTime, intraday)} → {formatBarTime(report.lastTime, intraday)} · final
        equity {formatMoney(report.metrics.finalEquity)}
      </p>
      <section aria-label="Key metrics" className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {metricCards(report.metrics).map((card) => (
          <Card key={card.key} className="p-3" title={card.hint}>
            <div className="text-xs text-muted-foreground">{card.label}</div>
            <div
              className={cn(
                "mt-1 text-lg font-semibold tabular-nums",
                card.tone === "gain" && "text-success",
                card.tone === "loss" && "text-destructive",
              )}
              data-testid={`report-metric-${card.key}`}
            >
              {card.value}
            </div>
            {card.hint && (
              <div className="mt-0.5 truncate text-[11px] text-muted-foreground">{card.hint}</div>
            )}
          </Card>
        ))}
      </section>
      <section className="grid gap-3 lg:grid-cols-3">
        <Card className="p-4 lg:col-span-2">
          <h2 className="mb-2 text-sm font-medium">Equity</h2>
          <div className="h-72">
            <CurveChart points={report.equity} kind="equity" dark={dark} testId="report-equity-chart" />
          </div>
        </Card>
        <Card className="p-4">
          <h2 className="mb-2 text-sm font-medium">Drawdown</h2>
          <div className="h-72">
            <CurveChart points={report.drawdown} kind="drawdown" dark={dark} testId="report-drawdown-chart" />
          </div>
        </Card>
      </section>
      <Card>
        <div className="flex items-center justify-between gap-3 border-b border-border px-4 py-3">
          <h2 className="text-sm font-medium">
            Trades{" "}
            <span className="font-normal text-muted-foreground">
              {report.trades.length.toLocaleString("en-US")} closed
              {report.openTrades.length > 0 && ` · ${report.openTrades.length} still open`}
            </span>
          </h2>
          <div className="flex items-center gap-3">
            {report.tradesTruncated && (
              <span className="text-xs text-muted-foreground">
                The list keeps the first {report.trades.length.toLocaleString("en-US")}; the metrics count
                all.
              </span>
            )}
            <Button size="sm" variant="outline" onClick={download} disabled={trades.length === 0}>
              Download CSV
            </Button>
          </div>
        </div>
        <TradesTable trades={trades} intraday={intraday} />
      </Card>
    </>
  );
}

function LoadingReport() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading the report">
      <Skeleton className="h-8 w-80" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {Array.from({ length: 14 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-80" />
    </div>
  );
}
