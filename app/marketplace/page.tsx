"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { TemplateCard } from "@/app/_features/marketplace/template-card";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { catalogue } from "@/nodes/catalogue";

const PAGE = 24;

const SORT_LABELS = {
  relevance: "Best match",
  newest: "Newest",
  mostForked: "Most forked",
  bestRated: "Best rated",
  bestRiskAdjusted: "Best risk-adjusted return",
} as const;
type Sort = keyof typeof SORT_LABELS;

/** Browse, search and filter the published templates. */
export default function MarketplacePage() {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [market, setMarket] = useState("");
  const [timeframe, setTimeframe] = useState("");
  const [tag, setTag] = useState("");
  const [nodeType, setNodeType] = useState("");
  const [sort, setSort] = useState<Sort>("relevance");
  const [page, setPage] = useState(0);
  const query = useDeferredValue(text);

  const facets = useQuery(trpc.marketplace.facets.queryOptions());
  const results = useQuery({
    ...trpc.marketplace.search.queryOptions({
      text: query || undefined,
      market: (market || undefined) as never,
      timeframe: (timeframe || undefined) as never,
      tags: tag ? [tag] : undefined,
      nodeTypes: nodeType ? [nodeType] : undefined,
      sort,
      limit: PAGE,
      offset: page * PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(query || market || timeframe || tag || nodeType);
  const reset = () => {
    setText("");
    setMarket("");
    setTimeframe("");
    setTag("");
    setNodeType("");
    setPage(0);
  };
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(0);
    };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Marketplace</h1>
          <p className="text-sm text-muted-foreground">
            Strategies shared by traders and the Strata team. Open one to see how it did, then fork it into
            your own strategies.
          </p>
        </div>
        <Link href="/marketplace/publish" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Publish a strategy
        </Link>
      </div>

      <form className="grid gap-3 md:grid-cols-6" onSubmit={(e) => e.preventDefault()}>
        <Input
          className="md:col-span-2"
          type="search"
          placeholder="Search, e.g. RSI pullback or breakout"
          aria-label="Search templates"
          value={text}
          onChange={(e) => change(setText)(e.target.value)}
        />
        <Select aria-label="Market" value={market} onChange={(e) => change(setMarket)(e.target.value)}>
          <option value="">All markets</option>
          {facets.data?.markets.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </Select>
        <Select
          aria-label="Timeframe"
          value={timeframe}
          onChange={(e) => change(setTimeframe)(e.target.value)}
        >
          <option value="">All timeframes</option>
          {facets.data?.timeframes.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </Select>
        <Select aria-label="Tag" value={tag} onChange={(e) => change(setTag)(e.target.value)}>
          <option value="">All tags</option>
          {facets.data?.tags.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </Select>
        <Select aria-label="Uses node" value={nodeType} onChange={(e) => change(setNodeType)(e.target.value)}>
          <option value="">Any nodes</option>
          {facets.data?.nodeTypes.map((f) => (
            <option key={f.value} value={f.value}>
              {catalogue.has(f.value) ? catalogue.get(f.value).title : f.value} ({f.count})
            </option>
          ))}
        </Select>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-muted-foreground" aria-live="polite">
          {results.data
            ? `${results.data.total} template${results.data.total === 1 ? "" : "s"}${filtered ? " match" : ""}`
            : " "}
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor="marketplace-sort" className="text-muted-foreground">
            Sort by
          </label>
          <Select
            id="marketplace-sort"
            className="w-56"
            value={sort}
            onChange={(e) => change(setSort)(e.target.value as Sort)}
          >
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </div>

      {results.error && <Alert>{errorMessage(results.error)}</Alert>}
      {results.isPending ? (
        <div
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
          role="status"
          aria-label="Loading templates"
        >
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Skeleton key={i} className="h-64" />
          ))}
        </div>
      ) : results.data && results.data.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border p-10 text-center">
          <p className="font-medium">No template matches{query ? ` “${query}”` : " these filters"}.</p>
          <p className="mt-1 text-sm text-muted-foreground">Try fewer words or clear the filters.</p>
          {filtered && (
            <Button variant="outline" size="sm" className="mt-4" onClick={reset}>
              Clear search and filters
            </Button>
          )}
        </div>
      ) : (
        <div
          className={`grid gap-4 sm:grid-cols-2 lg:grid-cols-3 ${results.isPlaceholderData ? "opacity-60" : ""}`}
          data-testid="template-grid"
        >
          {results.data?.items.map((t) => (
            <TemplateCard key={t.id} template={t} />
          ))}
        </div>
      )}

      {results.data && results.data.total > PAGE && (
        <nav className="flex items-center justify-center gap-3" aria-label="Pages">
          <Button variant="outline" size="sm" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span className="text-sm text-muted-foreground">
            Page {page + 1} of {Math.ceil(results.data.total / PAGE)}
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={(page + 1) * PAGE >= results.data.total}
            onClick={() => setPage(page + 1)}
          >
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
