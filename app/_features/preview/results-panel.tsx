"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Select } from "@/app/_components/ui/select";
import { Tabs } from "@/app/_components/ui/tabs";
import { describeRunSettings } from "@/app/_features/backtest-report/format";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_lib/trpc";
import type { Diagnostic } from "@/engine-runtime/compiler";
import { isUserDataset } from "@/engine-runtime/data/samples";
import type { Trade } from "@/engine-runtime/execution/types";
import { EquityChart, PriceChart } from "./charts";
import { DATASETS } from "./datasets";
import { PREVIEW_SETTINGS } from "./settings";
import type { PreviewState } from "./use-preview";

type Tab = "chart" | "equity" | "trades" | "problems";

const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–");
const fixed = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
/** The preview's run settings in words, so a small return on one unit per entry reads as such. */
const ASSUMPTIONS = describeRunSettings(PREVIEW_SETTINGS);

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The preview: metrics, charts and trades of the current plan on the chosen dataset. When the graph
 * has errors it says so instead of showing results that no longer match the canvas.
 */
export function ResultsPanel({
  preview,
  nodeCount,
  errors,
  warnings,
  dataset,
  onDataset,
  onFocusProblem,
  dark,
  onRendered,
  height,
}: {
  preview: PreviewState;
  nodeCount: number;
  errors: readonly Diagnostic[];
  warnings: readonly Diagnostic[];
  dataset: string;
  onDataset: (id: string) => void;
  onFocusProblem: (diagnostic: Diagnostic) => void;
  dark: boolean;
  onRendered: () => void;
  height: number;
}) {
  const [tab, setTab] = useState<Tab>("chart");
  const trpc = useTRPC();
  const userDatasets = (useQuery(trpc.data.datasets.queryOptions()).data ?? []).filter(
    (d) => isUserDataset(d.id) && d.status === "ready" && d.bars > 0,
  );
  const problems = [...errors, ...warnings];
  const { result, bars } = preview;
  const blocked = errors.length > 0;
  const showResults = !blocked && nodeCount > 0 && result && bars && result.dataset === dataset;
  const metrics = showResults ? result.metrics : undefined;

  return (
    <section
      className="flex shrink-0 flex-col border-t border-border bg-card"
      style={{ height }}
      aria-label="Preview results"
    >
      <div className="flex min-h-10 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-3 py-1">
        <Tabs<Tab>
          label="Result views"
          value={tab}
          onValueChange={setTab}
          items={[
            { value: "chart", label: "Chart" },
            { value: "equity", label: "Equity" },
            { value: "trades", label: `Trades${showResults ? ` (${result.trades.length})` : ""}` },
            {
              value: "problems",
              label: (
                <>
                  Problems
                  <span
                    className={cn(
                      "rounded-full px-1.5 text-[10px]",
                      errors.length > 0
                        ? "bg-destructive text-white"
                        : warnings.length > 0
                          ? "bg-amber-500 text-white"
                          : "bg-muted-foreground/20",
                    )}
                    data-testid="problem-count"
                  >
                    {problems.length}
                  </span>
                </>
              ),
            },
          ]}
        />
        <div className="ml-auto flex items-center gap-3 whitespace-nowrap">
          <RunState preview={preview} blocked={blocked} empty={nodeCount === 0} />
          <Select
            aria-label="Dataset"
            className="h-7 w-44 text-xs sm:w-56"
            value={dataset}
            onChange={(e) => onDataset(e.target.value)}
          >
            <optgroup label="Samples">
              {DATASETS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </optgroup>
            {userDatasets.length > 0 && (
              <optgroup label="Your datasets">
                {userDatasets.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} · {d.timeframe}
                  </option>
                ))}
              </optgroup>
            )}
          </Select>
        </div>
      </div>
      {tab !== "problems" && (
        <div
          className="flex shrink-0 items-stretch divide-x divide-border overflow-x-auto border-b border-border"
          data-testid="metrics"
        >
          <Metric
            label="Total return"
            value={metrics ? percent(metrics.totalReturn) : "–"}
            tone={metrics ? sign(metrics.totalReturn) : undefined}
          />
          <Metric label="Sharpe" value={metrics ? fixed(metrics.sharpe) : "–"} />
          <Metric
            label="Max drawdown"
            value={metrics ? percent(-metrics.maxDrawdown) : "–"}
            tone={metrics && metrics.maxDrawdown > 0 ? "down" : undefined}
          />
          <Metric label="Win rate" value={metrics ? percent(metrics.winRate) : "–"} />
          <Metric label="Trades" value={metrics ? String(metrics.trades) : "–"} />
          <Metric label="Profit factor" value={metrics ? fixed(metrics.profitFactor) : "–"} />
          <Metric label="Exposure" value={metrics ? percent(metrics.exposure) : "–"} />
        </div>
      )}
      {tab !== "problems" && (
        <p
          className="shrink-0 truncate border-b border-border px-3 py-1 text-[11px] text-muted-foreground"
          title={ASSUMPTIONS}
          data-testid="preview-assumptions"
        >
          Assumes {ASSUMPTIONS}
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        {tab === "problems" ? (
          <ProblemList problems={problems} onFocus={onFocusProblem} />
        ) : nodeCount === 0 ? (
          <Empty title="Nothing to preview yet">
            Build a strategy on the canvas: a Price Feed, an indicator, a condition and an Enter Long node.
            The backtest runs here as you edit.
          </Empty>
        ) : blocked ? (
          <Empty
            title={`Fix ${errors.length} problem${errors.length === 1 ? "" : "s"} to see results`}
            testId="fix-problems"
          >
            <ProblemList problems={errors.slice(0, 4)} onFocus={onFocusProblem} compact />
          </Empty>
        ) : preview.status === "error" ? (
          <Empty title="The preview failed">{preview.error}</Empty>
        ) : !showResults ? (
          <Empty title="Running the backtest…">Loading the dataset and running your strategy.</Empty>
        ) : tab === "chart" ? (
          <PriceChart bars={bars} result={result} dark={dark} onRendered={onRendered} />
        ) : tab === "equity" ? (
          <EquityChart result={result} dark={dark} />
        ) : (
          <TradeTable trades={[...result.trades, ...result.openTrades]} />
        )}
      </div>
    </section>
  );
}

function sign(x: number): "up" | "down" | undefined {
  return x > 0 ? "up" : x < 0 ? "down" : undefined;
}

function RunState({ preview, blocked, empty }: { preview: PreviewState; blocked: boolean; empty: boolean }) {
  if (empty || blocked) return null;
  if (preview.status === "running") {
    return (
      <span className="flex items-center gap-1.5 text-xs text-muted-foreground" role="status">
        <span className="size-3 animate-spin rounded-full border-2 border-primary border-t-transparent" />
        Running…
      </span>
    );
  }
  if (preview.status === "done" && preview.result) {
    return (
      <span className="text-xs text-muted-foreground" role="status" data-testid="preview-done">
        {preview.result.time.length.toLocaleString("en-US")} bars · {preview.result.runMs.toFixed(0)} ms
      </span>
    );
  }
  return null;
}

function Metric({ label, value, tone }: { label: string; value: string; tone?: "up" | "down" }) {
  return (
    <div className="min-w-24 flex-1 px-3 py-1.5">
      <div className="truncate text-[10.5px] uppercase tracking-wide text-muted-foreground">{label}</div>
      <div
        className={cn(
          "font-mono text-sm font-semibold tabular-nums",
          tone === "up" && "text-success",
          tone === "down" && "text-destructive",
        )}
        data-testid={`metric-${label.toLowerCase().replace(/\s+/g, "-")}`}
      >
        {value}
      </div>
    </div>
  );
}

function Empty({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center">
      <div className="text-sm font-semibold" data-testid={testId}>
        {title}
      </div>
      <div className="max-w-xl text-xs text-muted-foreground">{children}</div>
    </div>
  );
}

export function ProblemList({
  problems,
  onFocus,
  compact,
}: {
  problems: readonly Diagnostic[];
  onFocus: (diagnostic: Diagnostic) => void;
  compact?: boolean;
}) {
  if (problems.length === 0) {
    return <Empty title="No problems">The strategy compiles. Every edit is checked as you make it.</Empty>;
  }
  return (
    <ul
      className={cn(
        "overflow-y-auto text-left",
        compact ? "mt-2 space-y-1" : "h-full divide-y divide-border",
      )}
      data-testid="problems"
    >
      {problems.map((problem) => (
        <li key={`${problem.code}-${problem.nodeId ?? ""}-${problem.edgeId ?? ""}-${problem.message}`}>
          <button
            type="button"
            className={cn(
              "flex w-full cursor-pointer items-start gap-2 text-left text-xs hover:bg-muted focus-visible:bg-muted focus-visible:outline-none",
              compact ? "rounded px-2 py-1" : "px-4 py-2",
            )}
            onClick={() => onFocus(problem)}
            disabled={!problem.nodeId}
          >
            <span
              className={cn(
                "mt-0.5 size-2 shrink-0 rounded-full",
                problem.severity === "error" ? "bg-destructive" : "bg-amber-500",
              )}
            />
            <span className="sr-only">{problem.severity}:</span>
            <span className="text-foreground">{problem.message}</span>
            {problem.nodeId && (
              <code className="ml-auto shrink-0 pl-2 text-muted-foreground">{problem.nodeId}</code>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

function TradeTable({ trades }: { trades: Trade[] }) {
  if (trades.length === 0) {
    return <Empty title="No trades">The strategy’s conditions never fired on this dataset.</Empty>;
  }
  return (
    <div className="h-full overflow-auto">
      <table className="w-full text-xs tabular-nums">
        <thead className="sticky top-0 bg-card text-muted-foreground">
          <tr className="border-b border-border text-left">
            {[
              "#",
              "Side",
              "Entry",
              "Entry price",
              "Exit",
              "Exit price",
              "Qty",
              "P&L",
              "Return",
              "Bars",
              "Exit reason",
            ].map((h) => (
              <th key={h} className="px-3 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trades.map((t, i) => (
            <tr
              key={`${t.entryBar}-${t.exitBar}-${t.direction}`}
              className="border-b border-border/60 hover:bg-muted/60"
            >
              <td className="px-3 py-1 text-muted-foreground">{i + 1}</td>
              <td
                className={cn(
                  "px-3 py-1 font-medium",
                  t.direction === "long" ? "text-success" : "text-destructive",
                )}
              >
                {t.direction}
              </td>
              <td className="px-3 py-1">{date(t.entryTime)}</td>
              <td className="px-3 py-1 font-mono">{fixed(t.entryPrice)}</td>
              <td className="px-3 py-1">{t.exitReason === "open" ? "open" : date(t.exitTime)}</td>
              <td className="px-3 py-1 font-mono">{fixed(t.exitPrice)}</td>
              <td className="px-3 py-1 font-mono">{t.quantity}</td>
              <td className={cn("px-3 py-1 font-mono", t.pnl >= 0 ? "text-success" : "text-destructive")}>
                {fixed(t.pnl)}
              </td>
              <td
                className={cn(
                  "px-3 py-1 font-mono",
                  t.returnPercent >= 0 ? "text-success" : "text-destructive",
                )}
              >
                {fixed(t.returnPercent, 2)}%
              </td>
              <td className="px-3 py-1">{t.barsHeld}</td>
              <td className="px-3 py-1 text-muted-foreground">{t.exitReason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
