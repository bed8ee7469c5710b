"use client";

import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import type { DataSyncUpdate, DatasetSummary } from "@/server/data/service";
import { formatCount, formatRange, formatTime } from "./format";
import { ProgressBar } from "./progress-bar";
import { venueTitle } from "./status-badges";

const SOURCES: Record<string, string> = { sample: "Sample", upload: "Upload" };

/** The user's datasets and the samples: what each holds, over which range, and what is missing. */
export function DatasetsTable({
  datasets,
  syncs,
  deleting,
  onDelete,
}: {
  datasets: readonly DatasetSummary[];
  syncs: Record<string, DataSyncUpdate>;
  deleting: string | null;
  onDelete: (dataset: DatasetSummary) => void;
}) {
  return (
    // Relative, so the screen-reader-only labels inside are clipped by the scroll box, not the page.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your datasets and the bundled samples</caption>
        <thead className="whitespace-nowrap border-b border-border text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Source
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Timeframe
            </th>
            <th scope="col" className="px-3 py-2.5 text-right font-medium">
              Bars
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Range
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Gaps
            </th>
            <th scope="col" className="px-4 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {datasets.map((dataset) => {
            const sync = syncs[dataset.id];
            const syncing = dataset.status === "syncing" || sync?.status === "syncing";
            return (
              <tr key={dataset.id} data-testid="dataset-row" className="align-top">
                {/* Wide enough to read on a phone; the other columns scroll sideways. */}
                <td className="min-w-48 px-4 py-3">
                  <div className="font-medium">{dataset.name}</div>
                  {dataset.description && (
                    <div className="text-xs text-muted-foreground">{dataset.description}</div>
                  )}
                  {syncing && (
                    <div className="mt-2 max-w-64 space-y-1">
                      <ProgressBar value={sync?.progress ?? 0} label={`Downloading ${dataset.name}`} />
                      <p className="text-xs text-muted-foreground">
                        {sync?.message ?? "Waiting for the venue…"}
                      </p>
                    </div>
                  )}
                  {dataset.status === "failed" && !syncing && (
                    <p className="mt-1 text-xs text-destructive">{dataset.error}</p>
                  )}
                </td>
                <td className="px-3 py-3">
                  <Badge variant={dataset.source === "sample" ? "neutral" : "primary"}>
                    {SOURCES[dataset.source] ?? venueTitle(dataset.source)}
                  </Badge>
                </td>
                <td className="px-3 py-3 font-mono text-xs">{dataset.timeframe}</td>
                <td className="px-3 py-3 text-right tabular-nums">{dataset.bars.toLocaleString("en")}</td>
                <td className="px-3 py-3 whitespace-nowrap tabular-nums text-muted-foreground">
                  {formatRange(dataset.first, dataset.last, dataset.timeframe)}
                </td>
                <td className="px-3 py-3">
                  {dataset.gaps.length === 0 ? (
                    <span className="text-muted-foreground">None</span>
                  ) : (
                    <details>
                      <summary className="cursor-pointer whitespace-nowrap text-amber-600 dark:text-amber-400">
                        {formatCount(dataset.gaps.length, "gap")}
                      </summary>
                      <ul className="mt-1 space-y-0.5 text-xs text-muted-foreground">
                        {dataset.gaps.map((gap) => (
                          <li key={gap.from}>
                            {formatTime(gap.from, dataset.timeframe)} →{" "}
                            {formatTime(gap.to, dataset.timeframe)}: {gap.reason}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td className="px-4 py-2 text-right">
                  {dataset.deletable && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-destructive"
                      aria-label={`Delete ${dataset.name}`}
                      disabled={deleting === dataset.id || syncing}
                      onClick={() => onDelete(dataset)}
                    >
                      {deleting === dataset.id ? "Deleting…" : "Delete"}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
