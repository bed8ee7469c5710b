"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { cn } from "@/app/_lib/cn";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { findSample } from "@/engine-runtime/data/samples";
import { formatDecimal, signOf, subtractDecimal } from "./money";
import { StateBadge } from "./state-badge";

/** The signed-in trader's paper sessions, newest first, each with its state and equity. */
export function PaperSessionsList() {
  const trpc = useTRPC();
  const sessions = useQuery({
    ...trpc.paper.list.queryOptions({}),
    refetchInterval: (query) =>
      query.state.data?.some((s) => s.status === "running" || s.status === "paused") ? 3000 : false,
  });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Paper sessions</h1>
        <p className="text-sm text-muted-foreground">
          Strategies trading a replay of stored bars or a live market, with simulated fills or at your Alpaca
          paper account. No real money moves.
        </p>
      </div>
      {sessions.isPending ? (
        <div className="space-y-2" role="status" aria-label="Loading your paper sessions">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16" />
          ))}
        </div>
      ) : sessions.error ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(sessions.error)}
        </p>
      ) : sessions.data.length === 0 ? (
        <Card className="space-y-3 p-10 text-center" data-testid="paper-empty">
          <h2 className="font-semibold">No paper session yet</h2>
          <p className="text-sm text-muted-foreground">
            Open a strategy and press Paper trade. It replays a dataset bar by bar, and its trades show up
            here.
          </p>
          <Link href="/strategies" className={buttonVariants({ variant: "outline" })}>
            Open my strategies
          </Link>
        </Card>
      ) : (
        <ul className="space-y-2" data-testid="paper-sessions">
          {sessions.data.map((s) => {
            const pnl = subtractDecimal(s.equity, s.initialCash);
            return (
              <li key={s.id}>
                <Link href={`/paper/${s.id}`} className="block">
                  <Card className="flex flex-wrap items-center gap-4 p-4 transition-colors hover:bg-muted/50">
                    {/* On a phone the name takes its own line, with equity and P&L under it. */}
                    <div className="min-w-0 flex-1 max-sm:basis-full">
                      <p className="flex items-center gap-2 font-medium">
                        <span className="truncate">{s.strategy.name}</span>
                        <StateBadge state={s.status} />
                      </p>
                      <p className="truncate text-xs text-muted-foreground">
                        Version {s.version} ·{" "}
                        {s.market === "replay"
                          ? (findSample(s.dataset)?.name ?? s.dataset)
                          : `live ${s.market === "binance" ? "Binance" : "Alpaca"} ${s.symbol} ${s.timeframe}`}
                        {s.broker === "alpaca-paper" && ` · ${s.symbol} at Alpaca paper`} · started{" "}
                        {new Date(s.createdAt).toLocaleString("en-US", {
                          dateStyle: "medium",
                          timeStyle: "short",
                        })}
                      </p>
                    </div>
                    <div className="ml-auto text-right">
                      <p className="text-xs text-muted-foreground">Equity</p>
                      <p className="font-semibold tabular-nums" data-testid="paper-list-equity">
                        {formatDecimal(s.equity)}
                      </p>
                    </div>
                    <div className="w-28 text-right">
                      <p className="text-xs text-muted-foreground">P&L</p>
                      <p
                        className={cn(
                          "font-semibold tabular-nums",
                          signOf(pnl) > 0 && "text-success",
                          signOf(pnl) < 0 && "text-destructive",
                        )}
                      >
                        {formatDecimal(pnl, { signed: true })}
                      </p>
                    </div>
                  </Card>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
