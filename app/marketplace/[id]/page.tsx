"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { percent, ratio, stars } from "@/app/_features/marketplace/format";
import { GraphView } from "@/app/_features/marketplace/graph-view";
import { LineChart } from "@/app/_features/marketplace/line-chart";
import { renderMarkdown } from "@/app/_features/marketplace/markdown";
import { SimilarToTemplate } from "@/app/_features/marketplace/similar-panel";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";

/** One template: what it does, how it did, how it is built, and a way to make it one's own. */
export default function TemplatePage() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const [version, setVersion] = useState<number | undefined>();
  const me = useQuery(trpc.auth.me.queryOptions());
  const template = useQuery({
    ...trpc.marketplace.get.queryOptions({ id, version }),
    // A missing template stays missing: say so at once instead of asking again.
    retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 1,
  });

  if (template.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading the template">
        <Skeleton className="h-9 w-2/3" />
        <Skeleton className="h-5 w-1/3" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (template.error) {
    return (
      <div className="space-y-4">
        <Alert>{errorMessage(template.error)}</Alert>
        <Link href="/marketplace" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Back to the marketplace
        </Link>
      </div>
    );
  }
  const t = template.data;
  const snapshot = t.version.snapshot;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
      <div className="min-w-0 space-y-6">
        <div className="space-y-2">
          <Link href="/marketplace" className="text-sm text-muted-foreground hover:underline">
            ← Marketplace
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">{t.title}</h1>
          <p className="text-sm text-muted-foreground">
            by <span className="font-medium text-foreground">{t.author}</span> · version {t.version.number} of{" "}
            {t.headVersion} · {stars(t.rating.average, t.rating.count)} · {t.forkCount} fork
            {t.forkCount === 1 ? "" : "s"}
          </p>
          <div className="flex flex-wrap gap-1">
            {!t.published && <Badge variant="warning">Unpublished: only you can see it</Badge>}
            <Badge>{t.market}</Badge>
            <Badge>{t.timeframe}</Badge>
            {t.tags.map((tag) => (
              <Badge key={tag} variant="primary">
                {tag}
              </Badge>
            ))}
          </div>
        </div>

        <Card className="p-5">
          <div
            className="prose-description space-y-3 text-sm leading-relaxed [&_a]:text-primary [&_a]:underline [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_h3]:text-base [&_h3]:font-semibold [&_h4]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-3 [&_ul]:list-disc [&_ul]:pl-5"
            data-testid="template-description"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes all input and writes only its own tags
            dangerouslySetInnerHTML={{ __html: renderMarkdown(t.description) }}
          />
        </Card>

        <section aria-labelledby="snapshot-heading" className="space-y-3">
          <h2 id="snapshot-heading" className="font-semibold">
            Backtest snapshot
          </h2>
          <p className="text-xs text-muted-foreground">
            Computed when this version was published: {snapshot.settings.initialCash.toLocaleString("en-US")}{" "}
            in cash, {snapshot.settings.defaultQuantity} shares per entry unless the strategy sizes its own, $
            {snapshot.settings.commission.perOrder} per fill. Past results say little about the future.
          </p>
          <div className="grid gap-3 md:grid-cols-3">
            {snapshot.datasets.map((d) => (
              <Card key={d.dataset} className="space-y-2 p-3">
                <h3 className="text-sm font-medium">{d.name}</h3>
                <LineChart
                  values={d.equity.map(([, v]) => v)}
                  height={90}
                  label={`Equity on ${d.name}`}
                  showAxis
                />
                <p className="flex justify-between text-[11px] tabular-nums text-muted-foreground">
                  <span>low {money(Math.min(...d.equity.map(([, v]) => v)))}</span>
                  <span>high {money(Math.max(...d.equity.map(([, v]) => v)))}</span>
                </p>
                <dl className="space-y-1 text-xs">
                  <Metric label="Total return" value={percent(d.metrics.totalReturn)} />
                  <Metric label="Sharpe" value={ratio(d.metrics.sharpe)} />
                  <Metric label="Max drawdown" value={percent(d.metrics.maxDrawdown, false)} />
                  <Metric label="Trades" value={String(d.metrics.trades)} />
                  <Metric label="Win rate" value={percent(d.metrics.winRate, false)} />
                  <Metric label="Profit factor" value={ratio(d.metrics.profitFactor)} />
                </dl>
              </Card>
            ))}
          </div>
        </section>

        <section aria-labelledby="graph-heading" className="space-y-3">
          <h2 id="graph-heading" className="font-semibold">
            How it is built
          </h2>
          <Card className="overflow-hidden p-3">
            <GraphView graph={t.version.graph as unknown as Graph} />
          </Card>
          <p className="text-xs text-muted-foreground">
            Uses{" "}
            {t.nodeTypes.map((type) => (catalogue.has(type) ? catalogue.get(type).title : type)).join(", ")}.
          </p>
        </section>
      </div>

      <aside className="space-y-4">
        <Card className="space-y-3 p-4">
          <ForkButton id={t.id} signedIn={Boolean(me.data)} />
          {me.data && !t.isAuthor && <RateStars id={t.id} mine={t.rating.mine} />}
          {t.isAuthor && t.published && <UnpublishButton id={t.id} />}
        </Card>
        <Card className="p-4">
          <h2 className="mb-2 text-sm font-semibold">Versions</h2>
          <ol className="space-y-1 text-sm">
            {t.versions.map((v) => (
              <li key={v.number}>
                <button
                  type="button"
                  className={`w-full rounded px-2 py-1 text-left hover:bg-muted ${v.number === t.version.number ? "bg-muted font-medium" : ""}`}
                  onClick={() => setVersion(v.number === t.headVersion ? undefined : v.number)}
                  aria-current={v.number === t.version.number}
                >
                  Version {v.number}
                  <span className="ml-2 text-xs text-muted-foreground">
                    {new Date(v.createdAt).toLocaleDateString("en-US", { dateStyle: "medium" })}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </Card>
        <Card className="p-4">
          <h2 className="mb-2 text-sm font-semibold">Similar strategies</h2>
          <SimilarToTemplate id={t.id} />
        </Card>
      </aside>
    </div>
  );
}

const money = (value: number) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: 0 }) : "—";

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="whitespace-nowrap font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function ForkButton({ id, signedIn }: { id: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const fork = useMutation(
    trpc.marketplace.fork.mutationOptions({
      onSuccess: async ({ strategyId }) => {
        await queryClient.invalidateQueries();
        router.push(`/strategies/${strategyId}`);
      },
    }),
  );
  if (!signedIn) {
    return (
      <Link href="/sign-in" className={buttonVariants({ className: "w-full" })}>
        Sign in to fork this strategy
      </Link>
    );
  }
  return (
    <>
      <Button className="w-full" onClick={() => fork.mutate({ id })} disabled={fork.isPending}>
        {fork.isPending ? "Forking…" : "Fork into my strategies"}
      </Button>
      {fork.error && <Alert>{errorMessage(fork.error)}</Alert>}
    </>
  );
}

function RateStars({ id, mine }: { id: string; mine: number | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rate = useMutation(
    trpc.marketplace.rate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.marketplace.get.queryKey() }),
    }),
  );
  const current = rate.variables?.stars ?? mine ?? 0;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm">{mine ? "Your rating" : "Rate this strategy"}</legend>
      <div className="flex gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={current === n}
            aria-label={`${n} star${n === 1 ? "" : "s"}`}
            className={`text-xl leading-none ${n <= current ? "text-amber-500" : "text-muted-foreground/40"} hover:text-amber-400`}
            onClick={() => rate.mutate({ id, stars: n })}
            disabled={rate.isPending}
          >
            ★
          </button>
        ))}
      </div>
      {rate.error && <Alert>{errorMessage(rate.error)}</Alert>}
    </fieldset>
  );
}

function UnpublishButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unpublish = useMutation(
    trpc.marketplace.unpublish.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <>
      <Button
        variant="outline"
        className="w-full"
        onClick={() => unpublish.mutate({ id })}
        disabled={unpublish.isPending}
      >
        {unpublish.isPending ? "Unpublishing…" : "Unpublish"}
      </Button>
      {unpublish.error && <Alert>{errorMessage(unpublish.error)}</Alert>}
    </>
  );
}
