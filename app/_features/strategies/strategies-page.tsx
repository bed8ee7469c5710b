"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { CreateStrategyDialog } from "./create-strategy-dialog";
import { DeleteStrategyDialog } from "./delete-strategy-dialog";
import { type StarterChoice, StarterGallery } from "./starter-gallery";
import { StrategyGlyph, type StrategyItem, StrategyRow } from "./strategy-row";

/** "My strategies": the signed-in trader's strategies, and templates to start new ones from. */
export function StrategiesPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const signedIn = Boolean(me.data);

  useEffect(() => {
    if (me.isSuccess && !me.data) router.replace("/sign-in");
  }, [me.isSuccess, me.data, router]);

  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 200);
  const strategies = useQuery({
    ...trpc.strategies.list.queryOptions({ search: query || undefined }),
    enabled: signedIn,
    placeholderData: keepPreviousData,
  });

  const [creating, setCreating] = useState<{ starter: StarterChoice | null } | null>(null);
  const [deleting, setDeleting] = useState<StrategyItem | null>(null);
  /** Read out by screen readers after each change, and shown briefly. */
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.strategies.list.pathFilter());
  const onError = (error: unknown) => setActionError(errorMessage(error));
  const rename = useMutation(
    trpc.strategies.rename.mutationOptions({
      onSuccess: ({ name }) => setNotice(`Renamed to “${name}”.`),
      onError,
      onSettled: refresh,
    }),
  );
  const duplicate = useMutation(
    trpc.strategies.duplicate.mutationOptions({
      onSuccess: () => setNotice("Duplicated. The copy is at the top of the list."),
      onError,
      onSettled: refresh,
    }),
  );
  const remove = useMutation(
    trpc.strategies.delete.mutationOptions({
      onSuccess: () => {
        setNotice(`Deleted “${deleting?.name}”.`);
        setDeleting(null);
      },
      onSettled: refresh,
    }),
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(""), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!signedIn) return <PageSkeleton />;

  const list = strategies.data ?? [];
  const empty = strategies.isSuccess && list.length === 0;
  const searching = query !== "";
  const busyId = rename.isPending
    ? rename.variables?.id
    : duplicate.isPending
      ? duplicate.variables?.id
      : undefined;

  return (
    <div className="space-y-12">
      <section aria-labelledby="strategies-heading" className="space-y-5">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 id="strategies-heading" className="text-2xl font-semibold tracking-tight">
              My strategies
            </h1>
            <p className="text-sm text-muted-foreground">
              Open one to edit it on the canvas; every save keeps a version you can go back to.
            </p>
          </div>
          <div className="flex w-full gap-2 sm:w-auto">
            <Input
              type="search"
              aria-label="Search your strategies"
              placeholder="Search by name or description"
              className="h-9 sm:w-72"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Button size="sm" className="h-9 shrink-0" onClick={() => setCreating({ starter: null })}>
              <span aria-hidden="true" className="text-base leading-none">
                +
              </span>
              New strategy
            </Button>
          </div>
        </div>

        {actionError && (
          <Alert className="flex items-start justify-between gap-4">
            <span>{actionError}</span>
            <button
              type="button"
              className="cursor-pointer rounded-sm text-xs underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              onClick={() => setActionError(null)}
            >
              Dismiss
            </button>
          </Alert>
        )}
        {/* Floats, so a notice never pushes the list around under the pointer. */}
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

        {strategies.isPending ? (
          <ListSkeleton />
        ) : strategies.error ? (
          <Alert>{errorMessage(strategies.error)}</Alert>
        ) : empty && !searching ? (
          <Card className="flex flex-col items-center gap-3 border-dashed px-6 py-12 text-center">
            <div className="flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
              <StrategyGlyph size={22} />
            </div>
            <p className="max-w-md text-sm text-muted-foreground" data-testid="strategies-empty">
              You have no strategies yet. Start from a template below or create a blank one.
            </p>
            <Button variant="outline" size="sm" onClick={() => setCreating({ starter: null })}>
              Create a blank strategy
            </Button>
          </Card>
        ) : empty ? (
          <Card className="px-6 py-10 text-center text-sm text-muted-foreground">
            No strategy matches “{query}”.{" "}
            <button
              type="button"
              className="cursor-pointer rounded-sm font-medium text-primary hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              onClick={() => setSearch("")}
            >
              Clear the search
            </button>
          </Card>
        ) : (
          <Card className="overflow-visible">
            <ul aria-label="Your strategies" className="divide-y divide-border">
              {list.map((strategy) => (
                <StrategyRow
                  key={strategy.id}
                  strategy={strategy}
                  busy={busyId === strategy.id}
                  onRename={(name) => rename.mutate({ id: strategy.id, name })}
                  onDuplicate={() => duplicate.mutate({ id: strategy.id })}
                  onDelete={() => {
                    remove.reset();
                    setDeleting(strategy);
                  }}
                />
              ))}
            </ul>
          </Card>
        )}
      </section>

      <StarterGallery onPick={(starter) => setCreating({ starter })} />

      <CreateStrategyDialog
        open={creating !== null}
        starter={creating?.starter ?? null}
        onClose={() => setCreating(null)}
      />
      <DeleteStrategyDialog
        strategy={deleting}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}

function ListSkeleton() {
  return (
    <Card role="status" aria-label="Loading your strategies" className="divide-y divide-border">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-4 px-4 py-3">
          <Skeleton className="size-9 rounded-lg" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3 w-72" />
          </div>
        </div>
      ))}
    </Card>
  );
}

function PageSkeleton() {
  return (
    <div className="space-y-5">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-80" />
      <ListSkeleton />
    </div>
  );
}
