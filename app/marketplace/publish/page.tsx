"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { percent, ratio } from "@/app/_features/marketplace/format";
import { renderMarkdown } from "@/app/_features/marketplace/markdown";
import { TemplateCard } from "@/app/_features/marketplace/template-card";
import { FieldProblem, useFormProblems } from "@/app/_lib/form-problems";
import { useTRPC } from "@/app/_lib/trpc";
import { MARKETS, publishInput, TIMEFRAMES } from "@/server/api/routers/marketplace/marketplace.schema";

/** The fields a trader can get wrong; a problem with the others (chosen from lists) shows above Publish. */
const FIELDS = ["title", "description", "tags"] as const;

/** Share one of one's strategies as a template, and see the templates one has shared. */
export default function PublishPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96" />}>
      <Publish />
    </Suspense>
  );
}

function Publish() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const strategies = useQuery({ ...trpc.strategies.list.queryOptions({}), enabled: Boolean(me.data) });
  const mine = useQuery({ ...trpc.marketplace.mine.queryOptions(), enabled: Boolean(me.data) });
  const params = useSearchParams();
  const [strategyId, setStrategyId] = useState(params.get("strategy") ?? "");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState("");
  const [market, setMarket] = useState<(typeof MARKETS)[number]>("stocks");
  const [timeframe, setTimeframe] = useState<(typeof TIMEFRAMES)[number]>("1d");
  const publish = useMutation(
    trpc.marketplace.publish.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const { formRef, problems, show, clear, editing, control } = useFormProblems(FIELDS);

  if (me.isPending) return <Skeleton className="h-96" />;
  if (!me.data) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Publish a strategy</h1>
        <p className="text-muted-foreground">Sign in to share your strategies in the marketplace.</p>
        <Link href="/sign-in" className={buttonVariants()}>
          Sign in
        </Link>
      </div>
    );
  }

  const selected = strategyId || strategies.data?.[0]?.id || "";
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = {
      strategyId: selected,
      title,
      description,
      tags: tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      market,
      timeframe,
    };
    const checked = publishInput.safeParse(input);
    if (!checked.success) return show(checked.error);
    clear();
    publish.mutate(input, { onError: show });
  };

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Publish a strategy</h1>
        <p className="text-sm text-muted-foreground">
          Publishing shares the newest saved version. Strata backtests it on three reference datasets so
          others can compare; publishing again adds a new version.
        </p>
      </div>

      {strategies.data && strategies.data.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border p-8 text-center">
          <p className="font-medium">You have no strategies to publish yet.</p>
          <Link
            href="/strategies"
            className={buttonVariants({ variant: "outline", size: "sm", className: "mt-3" })}
          >
            Go to my strategies
          </Link>
        </div>
      ) : (
        <form ref={formRef} className="grid gap-6 lg:grid-cols-2" onSubmit={submit} noValidate>
          <div className="space-y-4">
            <div className="space-y-1">
              <Label htmlFor="publish-strategy">Strategy</Label>
              <Select id="publish-strategy" value={selected} onChange={(e) => setStrategyId(e.target.value)}>
                {strategies.data?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} (version {s.headVersion})
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1">
              <Label htmlFor="publish-title">Title</Label>
              <Input
                {...control("title", "publish-title")}
                value={title}
                onChange={(e) => {
                  setTitle(e.target.value);
                  editing("title");
                }}
                maxLength={100}
              />
              <FieldProblem controlId="publish-title" message={problems.fields.title} />
            </div>
            <div className="space-y-1">
              <Label htmlFor="publish-description">Description (Markdown)</Label>
              <textarea
                {...control("description", "publish-description")}
                className="min-h-40 w-full rounded-md border border-input bg-background p-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive"
                value={description}
                onChange={(e) => {
                  setDescription(e.target.value);
                  editing("description");
                }}
                placeholder={"What it buys, when, and when it sells.\n\n- **Entry**: …\n- **Exit**: …"}
              />
              <FieldProblem controlId="publish-description" message={problems.fields.description} />
            </div>
            <div className="space-y-1">
              <Label htmlFor="publish-tags">Tags, separated by commas</Label>
              <Input
                {...control("tags", "publish-tags")}
                value={tags}
                onChange={(e) => {
                  setTags(e.target.value);
                  editing("tags");
                }}
                placeholder="trend following, rsi"
              />
              <FieldProblem controlId="publish-tags" message={problems.fields.tags} />
            </div>
            <div className="grid grid-cols-2 gap-3">
              <div className="space-y-1">
                <Label htmlFor="publish-market">Market</Label>
                <Select
                  id="publish-market"
                  value={market}
                  onChange={(e) => setMarket(e.target.value as (typeof MARKETS)[number])}
                >
                  {MARKETS.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <Label htmlFor="publish-timeframe">Timeframe</Label>
                <Select
                  id="publish-timeframe"
                  value={timeframe}
                  onChange={(e) => setTimeframe(e.target.value as (typeof TIMEFRAMES)[number])}
                >
                  {TIMEFRAMES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </Select>
              </div>
            </div>
            {problems.form && <Alert>{problems.form}</Alert>}
            <Button type="submit" disabled={publish.isPending || !selected}>
              {publish.isPending ? "Backtesting and publishing…" : "Publish"}
            </Button>
            {publish.data && (
              <Card className="space-y-2 p-4" role="status">
                <p className="font-medium">
                  Published version {publish.data.version}.{" "}
                  <Link className="text-primary underline" href={`/marketplace/${publish.data.id}`}>
                    Open the template
                  </Link>
                </p>
                <p className="text-sm text-muted-foreground">
                  Sharpe {ratio(publish.data.headline.sharpe)}, return{" "}
                  {percent(publish.data.headline.totalReturn)} on average over the reference datasets.
                </p>
                {publish.data.nearDuplicates.length > 0 && (
                  <p className="rounded-md border border-amber-500/30 bg-amber-500/10 p-2 text-sm text-amber-700 dark:text-amber-400">
                    This is nearly the same strategy as{" "}
                    {publish.data.nearDuplicates.map((d, i) => (
                      <span key={d.id}>
                        {i > 0 && ", "}
                        <Link className="underline" href={`/marketplace/${d.id}`}>
                          {d.title}
                        </Link>{" "}
                        ({Math.round(d.similarity * 100)} % alike)
                      </span>
                    ))}
                    . Say in the description what yours does differently.
                  </p>
                )}
              </Card>
            )}
          </div>
          <div className="space-y-2">
            <p className="text-sm font-medium">Preview</p>
            <Card className="min-h-40 p-4">
              {description.trim() ? (
                <div
                  className="space-y-3 text-sm leading-relaxed [&_a]:text-primary [&_a]:underline [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes all input and writes only its own tags
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(description) }}
                />
              ) : (
                <p className="text-sm text-muted-foreground">
                  The description appears here as others will see it.
                </p>
              )}
            </Card>
          </div>
        </form>
      )}

      <section className="space-y-3">
        <h2 className="font-semibold">Your templates</h2>
        {mine.data?.length === 0 && (
          <p className="text-sm text-muted-foreground">You have not published any yet.</p>
        )}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {mine.data?.map((t) => (
            <TemplateCard key={t.id} template={t} />
          ))}
        </div>
      </section>
    </div>
  );
}
