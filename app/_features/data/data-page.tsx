"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { DataSyncUpdate } from "@/server/data/service";
import { AddSymbolDialog } from "./add-symbol-dialog";
import { ApiKeys } from "./api-keys";
import { DatasetsTable } from "./datasets-table";
import { StatusBadges } from "./status-badges";
import { UploadCard } from "./upload-card";
import { useSyncUpdates } from "./use-sync-updates";

/** The Data page: every dataset a strategy can run on, where it came from, and how to add more. */
export function DataPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const signedIn = Boolean(me.data);
  useEffect(() => {
    if (me.isSuccess && !me.data) router.replace("/sign-in");
  }, [me.isSuccess, me.data, router]);

  const datasets = useQuery({ ...trpc.data.datasets.queryOptions(), enabled: signedIn });
  const status = useQuery({ ...trpc.data.status.queryOptions(), enabled: signedIn });
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries(trpc.data.datasets.pathFilter());
    await queryClient.invalidateQueries(trpc.data.status.pathFilter());
  }, [queryClient, trpc]);
  const onSettled = useCallback(
    (update: DataSyncUpdate) => {
      setNotice(update.message);
      void refresh();
    },
    [refresh],
  );
  const syncs = useSyncUpdates(signedIn, onSettled);
  const remove = useMutation(
    trpc.data.deleteDataset.mutationOptions({
      onSuccess: () => setNotice("Deleted the dataset."),
      onSettled: refresh,
    }),
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(""), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!signedIn) return <Skeleton className="h-96" />;

  const list = datasets.data ?? [];
  const own = list.filter((d) => d.source !== "sample");
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Data</h1>
          <p className="text-sm text-muted-foreground">
            Price bars your strategies run on: bundled samples, files you upload and symbols from venues.
          </p>
        </div>
        {status.data && <StatusBadges statuses={status.data} />}
      </div>

      <p
        role="status"
        aria-live="polite"
        className={
          notice
            ? "fixed bottom-6 left-1/2 z-40 -translate-x-1/2 rounded-full border border-border bg-card px-4 py-2 text-sm shadow-lg"
            : "sr-only"
        }
      >
        {notice}
      </p>

      <section aria-labelledby="datasets-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="datasets-heading" className="text-lg font-semibold">
            Datasets
          </h2>
          <Button size="sm" onClick={() => setAdding(true)}>
            <span aria-hidden="true" className="text-base leading-none">
              +
            </span>
            Add a symbol
          </Button>
        </div>
        {remove.error && <Alert>{errorMessage(remove.error)}</Alert>}
        {datasets.isPending ? (
          <Skeleton className="h-64" />
        ) : datasets.error ? (
          <Alert>{errorMessage(datasets.error)}</Alert>
        ) : (
          <Card className="overflow-hidden">
            {own.length === 0 && (
              <p
                className="border-b border-border bg-muted/40 px-4 py-3 text-sm text-muted-foreground"
                data-testid="datasets-empty"
              >
                You have no datasets of your own yet. Upload a CSV below, or add a symbol from Binance, Yahoo
                Finance or Alpaca. The samples underneath are ready to use.
              </p>
            )}
            <DatasetsTable
              datasets={list}
              syncs={syncs}
              deleting={remove.isPending ? (remove.variables?.id ?? null) : null}
              onDelete={(dataset) => remove.mutate({ id: dataset.id })}
            />
          </Card>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <UploadCard onUploaded={setNotice} />
        <ApiKeys onChange={setNotice} />
      </div>

      <AddSymbolDialog
        open={adding}
        onClose={() => setAdding(false)}
        onStarted={(_, label) => {
          setAdding(false);
          setNotice(`Downloading ${label}; progress shows in the table.`);
          void refresh();
        }}
      />
    </div>
  );
}
