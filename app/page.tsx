"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_lib/trpc";
import { catalogue } from "@/nodes/catalogue";
import { NODE_CATEGORIES } from "@/nodes/core/define";

export default function HomePage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const counts = NODE_CATEGORIES.map((category) => ({
    category,
    count: catalogue.definitions.filter((d) => d.category === category).length,
  })).filter((c) => c.count > 0);

  return (
    <div className="space-y-10">
      <section className="max-w-2xl">
        <h1 className="text-4xl font-semibold tracking-tight" data-testid="home-title">
          {me.data
            ? `Welcome back${me.data.name ? `, ${me.data.name}` : ""}.`
            : "Draw a strategy. See it trade."}
        </h1>
        <p className="mt-4 text-lg text-muted-foreground">
          Strata turns trading ideas into node graphs: connect price feeds, indicators, conditions and orders,
          see mistakes flagged as you draw, and watch the backtest update as you edit.
        </p>
        {!me.data && !me.isPending && (
          <div className="mt-6 flex gap-3">
            <Link className={buttonVariants({ size: "lg" })} href="/sign-up">
              Create a free account
            </Link>
            <Link className={buttonVariants({ variant: "outline", size: "lg" })} href="/sign-in">
              Sign in
            </Link>
          </div>
        )}
      </section>
      <section aria-labelledby="catalogue-heading">
        <div className="flex items-baseline justify-between">
          <h2 id="catalogue-heading" className="text-lg font-semibold">
            {catalogue.definitions.length} building blocks
          </h2>
          <Link className="text-sm font-medium text-primary hover:underline" href="/nodes">
            Browse the catalogue →
          </Link>
        </div>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {counts.map(({ category, count }) => (
            <Card key={category} className="p-5">
              <div className="text-sm capitalize text-muted-foreground">{category}</div>
              <div className="mt-1 text-2xl font-semibold">{count}</div>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
