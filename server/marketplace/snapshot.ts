import type { BarColumns } from "@/engine-runtime/data/bars";
import { SAMPLE_DATASETS } from "@/engine-runtime/data/samples";
import type { RunSettingsInput } from "@/engine-runtime/execution/settings";
import { runBatch } from "@/engine-runtime/executor";
import type { Plan } from "@/engine-runtime/plan/schema";
import { storedReport } from "@/engine-runtime/report/stored";
import { loadDataset } from "@/server/jobs/datasets";

/** Every template is measured the same way, so their numbers compare: three long daily stock histories. */
export const REFERENCE_DATASETS = ["sample:orcl-1995-2014", "sample:nvda-1999-2014", "sample:yhoo-1996-2014"];

/** The standard run: 10,000 in cash, 100 shares per entry unless the strategy sizes its own, $1 per fill. */
export const SNAPSHOT_SETTINGS = {
  initialCash: 10_000,
  defaultQuantity: 100,
  commission: { perOrder: 1 },
} satisfies RunSettingsInput;

const EQUITY_POINTS = 160;

export interface SnapshotMetrics {
  totalReturn: number | null;
  cagr: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number | null;
  trades: number;
  winRate: number | null;
  profitFactor: number | null;
  exposure: number | null;
  finalEquity: number | null;
}

export interface DatasetSnapshot {
  dataset: string;
  name: string;
  metrics: SnapshotMetrics;
  /** [time ms, equity] pairs, thinned. */
  equity: [number, number][];
}

export interface Snapshot {
  settings: typeof SNAPSHOT_SETTINGS;
  datasets: DatasetSnapshot[];
  /** Mean Sharpe and total return over the datasets, and the worst drawdown among them. */
  headline: { sharpe: number | null; totalReturn: number | null; maxDrawdown: number | null };
}

let referenceBars: Promise<{ id: string; name: string; bars: BarColumns }[]> | undefined;

/** The reference datasets, parsed once per process (about 14,000 bars in all). */
function loadReferenceBars() {
  const names = new Map(SAMPLE_DATASETS.map((d) => [d.id, d.name]));
  referenceBars ??= Promise.all(
    REFERENCE_DATASETS.map(async (id) => ({ id, name: names.get(id) ?? id, bars: await loadDataset(id) })),
  ).catch((error) => {
    referenceBars = undefined;
    throw error;
  });
  return referenceBars;
}

/** Backtests a plan on every reference dataset: a few milliseconds per dataset. */
export async function computeSnapshot(plan: Plan): Promise<Snapshot> {
  const datasets = (await loadReferenceBars()).map(({ id, name, bars }): DatasetSnapshot => {
    const report = storedReport(runBatch(plan, bars, SNAPSHOT_SETTINGS), EQUITY_POINTS);
    // storedReport already turned NaN and Infinity into null, the JSON-safe form.
    const m = report.metrics as unknown as Record<keyof SnapshotMetrics, number | null>;
    return {
      dataset: id,
      name,
      metrics: {
        totalReturn: m.totalReturn,
        cagr: m.cagr,
        sharpe: m.sharpe,
        sortino: m.sortino,
        maxDrawdown: m.maxDrawdown,
        trades: m.trades ?? 0,
        winRate: m.winRate,
        profitFactor: m.profitFactor,
        exposure: m.exposure,
        finalEquity: m.finalEquity,
      },
      equity: report.equity,
    };
  });
  const values = (key: keyof SnapshotMetrics) =>
    datasets.map((d) => d.metrics[key]).filter((v): v is number => typeof v === "number");
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const drawdowns = values("maxDrawdown");
  return {
    settings: SNAPSHOT_SETTINGS,
    datasets,
    headline: {
      sharpe: mean(values("sharpe")),
      totalReturn: mean(values("totalReturn")),
      maxDrawdown: drawdowns.length ? Math.max(...drawdowns) : null,
    },
  };
}
