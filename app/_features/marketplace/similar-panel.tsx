"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useMemo } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { compile } from "@/engine-runtime/compiler";
import { embedPlan } from "@/engine-runtime/embedding";
import type { Graph } from "@/nodes/core/graph";
import type { TemplateCard } from "@/server/api/routers/marketplace/cards";

type Hit = TemplateCard & { similarity: number };

/** Published templates most like this one, nearest first. */
export function SimilarToTemplate({ id }: { id: string }) {
  const trpc = useTRPC();
  const similar = useQuery(trpc.marketplace.similar.queryOptions({ id, limit: 6 }));
  return (
    <SimilarList
      pending={similar.isPending}
      error={similar.error ? errorMessage(similar.error) : null}
      hits={similar.data}
      empty="No other published template is built like this one yet."
    />
  );
}

/**
 * Published templates like the graph being drawn, for the editor's side panel. The graph is
 * compiled and embedded here in the browser (both are pure TypeScript), so the query carries 256
 * numbers rounded to 6 digits; it is deferred so typing in the inspector does not query per keystroke.
 */
export function SimilarToGraph({ graph }: { graph: Graph }) {
  const trpc = useTRPC();
  const deferred = useDeferredValue(graph);
  const embedding = useMemo(() => {
    const plan = compile(deferred).plan;
    // A plan that computes nothing has no shape to compare: every template would look a little alike.
    return plan && plan.steps.length > 0
      ? Array.from(embedPlan(plan), (x) => Math.round(x * 1e6) / 1e6)
      : null;
  }, [deferred]);
  const similar = useQuery({
    ...trpc.marketplace.similarToEmbedding.queryOptions({ embedding: embedding ?? [], limit: 5 }),
    enabled: embedding !== null,
    placeholderData: (previous) => previous,
  });
  if (!embedding) {
    return (
      <p className="text-sm text-muted-foreground">
        Similar strategies appear once the graph compiles and computes something: start with a price feed and
        an indicator.
      </p>
    );
  }
  return (
    <SimilarList
      pending={similar.isPending}
      error={similar.error ? errorMessage(similar.error) : null}
      hits={similar.data}
      empty="Nothing in the marketplace is built like this yet."
    />
  );
}

function SimilarList({
  pending,
  error,
  hits,
  empty,
}: {
  pending: boolean;
  error: string | null;
  hits: Hit[] | undefined;
  empty: string;
}) {
  if (pending) {
    return (
      <div className="space-y-2" role="status" aria-label="Finding similar strategies">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    );
  }
  if (error) return <Alert>{error}</Alert>;
  if (!hits?.length) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="divide-y divide-border" data-testid="similar-strategies">
      {hits.map((hit) => (
        <li key={hit.id} className="flex items-center justify-between gap-3 py-2">
          <div className="min-w-0">
            <Link
              href={`/marketplace/${hit.id}`}
              className="block truncate text-sm font-medium hover:underline"
            >
              {hit.title}
            </Link>
            <span className="text-xs text-muted-foreground">by {hit.author}</span>
          </div>
          <SimilarityMeter value={hit.similarity} />
        </li>
      ))}
    </ul>
  );
}

function SimilarityMeter({ value }: { value: number }) {
  const pct = Math.max(0, Math.round(value * 100));
  return (
    <span
      className="flex shrink-0 items-center gap-2 text-xs tabular-nums text-muted-foreground"
      title="How alike the two plans are"
    >
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-muted">
        <span className="block h-full rounded-full bg-primary" style={{ width: `${pct}%` }} />
      </span>
      {pct} %
    </span>
  );
}
