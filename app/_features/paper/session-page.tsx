"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { formatBarTime, formatPrice } from "@/app/_features/backtest-report/format";
import { useDarkTheme } from "@/app/_features/preview/use-dark";
import { cn } from "@/app/_lib/cn";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { findSample } from "@/engine-runtime/data/samples";
import { equityAt, formatDecimal, formatQuantity, signOf, subtractDecimal } from "./money";
import { SessionChart } from "./session-chart";
import { StateBadge } from "./state-badge";
import { type PaperUpdate, usePaperUpdates } from "./use-paper-updates";

const LIVE = new Set(["running", "paused"]);
const AT_ALPACA = "alpaca-paper";
/** The venues whose live market a session can follow, by the session's `market`. */
const LIVE_MARKETS: Record<string, string> = { binance: "Binance", alpaca: "Alpaca" };

/** What the socket has said since the page opened: closes for the chart, the newest balance. */
interface Live {
  closes: Map<number, number>;
  equity: Map<number, number>;
  balance?: NonNullable<PaperUpdate["balance"]> & { time: number };
}

/**
 * One paper session, live: the socket draws each bar as it is recorded, and the stored session
 * (positions, orders, fills, equity) is fetched again at most once a second while bars arrive.
 */
export function PaperSessionPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dark = useDarkTheme();
  const queryKey = useMemo(() => trpc.paper.get.queryKey({ id }), [trpc, id]);
  const session = useQuery({
    ...trpc.paper.get.queryOptions({ id }),
    retry: false,
    staleTime: 0,
    // The socket brings bars; the slow poll covers a socket that could not connect.
    refetchInterval: (query) => (query.state.data && LIVE.has(query.state.data.status) ? 5000 : false),
  });
  const [live, setLive] = useState<Live>({ closes: new Map(), equity: new Map() });
  const stale = useRef(false);

  const listening = Boolean(session.data && LIVE.has(session.data.status));
  usePaperUpdates(listening, (update) => {
    if (update.id !== id) return;
    const { time, close, balance } = update;
    if (time !== undefined) {
      setLive((previous) => {
        const closes = new Map(previous.closes);
        const equity = new Map(previous.equity);
        if (close !== undefined) closes.set(time, close);
        if (balance) equity.set(time, Number(balance.equity));
        return { closes, equity, balance: balance ? { ...balance, time } : previous.balance };
      });
    }
    if (update.status !== "running") void queryClient.invalidateQueries({ queryKey });
    else stale.current = true;
  });
  useEffect(() => {
    if (!listening) return;
    const timer = setInterval(() => {
      if (!stale.current) return;
      stale.current = false;
      void queryClient.invalidateQueries({ queryKey });
    }, 1000);
    return () => clearInterval(timer);
  }, [listening, queryClient, queryKey]);

  const data = session.data;
  // Stored closes draw what the session traded through before the page opened; live ones follow.
  const closes = useMemo(() => merged(data?.closes ?? [], live.closes), [data?.closes, live.closes]);
  const equity = useMemo(() => merged(data?.equity ?? [], live.equity), [data?.equity, live.equity]);
  const fills = useMemo(() => data?.fills.map((f) => ({ time: f.time, side: f.side })) ?? [], [data?.fills]);

  if (session.isPending) return <LoadingSession />;
  if (session.error || !data) return <MissingSession error={session.error} />;

  // The newer of the stored row and the last live bar is the one shown. `get` sends the equity
  // curve, not the stored equity, so that is rebuilt from cash, position and last price as the
  // ledger computes it.
  const fresher = live.balance && live.balance.time > (data.lastBarTime ?? Number.NEGATIVE_INFINITY);
  const balance =
    fresher && live.balance
      ? live.balance
      : {
          cash: data.cash,
          position: data.position,
          equity: equityAt(data.cash, data.position, data.lastPrice),
        };
  const lastPrice = fresher ? closes[closes.length - 1]?.[1] : data.lastPrice;
  const pnl = balance.equity === null ? null : subtractDecimal(balance.equity, data.initialCash);
  const sample = findSample(data.dataset);
  const venue = LIVE_MARKETS[data.market];
  const intraday = venue ? !["1d", "1w"].includes(data.timeframe) : sample?.timeframe === "5m";
  const atAlpaca = data.broker === AT_ALPACA;

  return (
    <div className="space-y-6" data-testid="paper-session">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <p className="text-xs text-muted-foreground">
            <Link href="/paper" className="hover:text-foreground">
              ← Paper sessions
            </Link>
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {data.strategy.name}
            <StateBadge state={data.status} />
          </h1>
          <p className="text-sm text-muted-foreground" data-testid="paper-broker">
            Version {data.version} ·{" "}
            <span data-testid="paper-market">
              {venue
                ? `live ${venue} market, ${data.symbol} ${data.timeframe}`
                : `replay of ${sample?.name ?? data.dataset}`}
            </span>{" "}
            ·{" "}
            {atAlpaca
              ? `orders for ${data.symbol} at your Alpaca paper account`
              : venue
                ? "simulated fills"
                : "replayed with simulated fills"}
            {data.lastBarTime !== null && <> · last bar {formatBarTime(data.lastBarTime, intraday)}</>}
          </p>
        </div>
        <Controls
          id={id}
          status={data.status}
          onChanged={() => queryClient.invalidateQueries({ queryKey })}
        />
      </header>

      {data.error && (
        <p role="alert" className="rounded-lg border border-destructive/30 bg-destructive/5 p-3 text-sm">
          {data.error}
        </p>
      )}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Equity" testId="paper-equity" value={formatDecimal(balance.equity)} />
        <Stat
          label="P&L"
          testId="paper-pnl"
          value={formatDecimal(pnl, { signed: true })}
          hint={`Started with ${formatDecimal(data.initialCash)}`}
          tone={signOf(pnl)}
        />
        <Stat label="Cash" testId="paper-cash" value={formatDecimal(balance.cash)} />
        <Stat
          label="Position"
          testId="paper-position"
          value={formatQuantity(balance.position)}
          hint={lastPrice == null ? undefined : `Last price ${formatPrice(lastPrice)}`}
        />
      </div>

      <Card className="h-[26rem] p-3">
        <SessionChart closes={closes} equity={equity} fills={fills} dark={dark} intraday={intraday} />
      </Card>

      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Section title="Positions">
          <Table
            testId="paper-positions"
            head={["Symbol", "Quantity", "Last price"]}
            empty="No open position."
            rows={
              signOf(balance.position) === 0
                ? []
                : [
                    [
                      data.symbol,
                      formatQuantity(balance.position),
                      lastPrice == null ? "–" : formatPrice(lastPrice),
                    ],
                  ]
            }
          />
        </Section>
        <Section title="Open orders">
          <Table
            testId="paper-open-orders"
            head={["Order", "Type", "Limit", "Stop", "Placed"]}
            empty="No order is waiting."
            rows={data.openOrders.map((o) => [
              <span key="a" className={o.action === "buy" ? "text-success" : "text-destructive"}>
                {o.action}
                {o.quantity !== null && ` ${formatQuantity(o.quantity)}`}
              </span>,
              // At a broker the state matters: "unknown" waits for reconciliation.
              atAlpaca ? `${o.orderType} · ${o.status}` : o.orderType,
              formatDecimal(o.limitPrice),
              formatDecimal(o.stopPrice),
              formatBarTime(o.placedAt, intraday),
            ])}
          />
        </Section>
      </div>

      {atAlpaca && (
        <Section title="Alpaca journal">
          <Card className="max-h-60 overflow-auto" data-testid="paper-journal">
            {data.journal.length === 0 ? (
              <p className="p-4 text-sm text-muted-foreground">
                Nothing yet: reconciliation with Alpaca comes first.
              </p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {data.journal.map((entry) => (
                  <li key={`${entry.at}-${entry.message}`} className="flex gap-3 px-3 py-2">
                    <span className="w-36 shrink-0 text-xs text-muted-foreground tabular-nums">
                      {new Date(entry.at).toLocaleString("en-US", {
                        dateStyle: "short",
                        timeStyle: "medium",
                      })}
                    </span>
                    <span className={cn(entry.kind === "problem" && "text-destructive")}>
                      {entry.message}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Section>
      )}

      <Section title={`Fills${data.fills.length > 0 ? ` (${data.fills.length})` : ""}`}>
        <Table
          testId="paper-fills"
          head={["Time", "Side", "Quantity", "Price", "Fee", "Why"]}
          empty={
            data.status === "running" ? "No fill yet: fills appear here as the strategy trades." : "No fill."
          }
          rows={data.fills.map((f) => [
            formatBarTime(f.time, intraday),
            <span key="s" className={f.side === "buy" ? "text-success" : "text-destructive"}>
              {f.side === "buy" ? "Buy" : "Sell"}
            </span>,
            formatQuantity(f.quantity),
            formatDecimal(f.price, { digits: 4 }),
            formatDecimal(f.commission),
            f.purpose,
          ])}
        />
      </Section>
    </div>
  );
}

/** Stored points, then live ones after the newest stored; ascending by time. */
function merged(stored: readonly [number, number][], live: Map<number, number>): [number, number][] {
  const last = stored.length > 0 ? stored[stored.length - 1][0] : Number.NEGATIVE_INFINITY;
  const after = [...live].filter(([t]) => t > last).sort((a, b) => a[0] - b[0]);
  return after.length === 0 ? (stored as [number, number][]) : [...stored, ...after];
}

function Controls({ id, status, onChanged }: { id: string; status: string; onChanged: () => void }) {
  const trpc = useTRPC();
  const options = { onSettled: onChanged };
  const stop = useMutation(trpc.paper.stop.mutationOptions(options));
  const pause = useMutation(trpc.paper.pause.mutationOptions(options));
  const resume = useMutation(trpc.paper.resume.mutationOptions(options));
  const busy = stop.isPending || pause.isPending || resume.isPending;
  const failed = stop.error ?? pause.error ?? resume.error;
  if (!LIVE.has(status)) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {status === "running" ? (
          <Button variant="outline" size="sm" disabled={busy} onClick={() => pause.mutate({ id })}>
            Pause
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled={busy} onClick={() => resume.mutate({ id })}>
            Resume
          </Button>
        )}
        <Button variant="destructive" size="sm" disabled={busy} onClick={() => stop.mutate({ id })}>
          Stop
        </Button>
      </div>
      {failed && (
        <p role="alert" className="text-xs text-destructive">
          {errorMessage(failed)}
        </p>
      )}
    </div>
  );
}

function Stat({
  label,
  value,
  hint,
  tone = 0,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  tone?: -1 | 0 | 1;
  testId: string;
}) {
  return (
    <Card className="p-4">
      <p className="text-xs text-muted-foreground">{label}</p>
      <p
        className={cn(
          "mt-1 text-xl font-semibold tabular-nums",
          tone > 0 && "text-success",
          tone < 0 && "text-destructive",
        )}
        data-testid={testId}
      >
        {value}
      </p>
      {hint && <p className="mt-0.5 text-xs text-muted-foreground">{hint}</p>}
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // min-w-0: a wide table scrolls inside its card instead of widening the grid around it.
    <section className="min-w-0 space-y-2">
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Table({
  head,
  rows,
  empty,
  testId,
}: {
  head: string[];
  rows: ReactNode[][];
  empty: string;
  testId: string;
}) {
  return (
    <Card className="max-h-80 overflow-auto" data-testid={testId}>
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-muted-foreground">{empty}</p>
      ) : (
        // One line per cell: on a phone the card scrolls sideways instead of breaking dates apart.
        <table className="w-full whitespace-nowrap text-sm">
          <thead className="sticky top-0 bg-card text-left text-xs text-muted-foreground">
            <tr>
              {head.map((h, i) => (
                <th key={h} className={cn("px-3 py-2 font-medium", i > 1 && "text-right")}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
              <tr key={r} className="border-t border-border">
                {cells.map((cell, i) => (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column
                    key={i}
                    className={cn("px-3 py-1.5 tabular-nums", i > 1 && "text-right")}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function LoadingSession() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading the paper session">
      <Skeleton className="h-10 w-72" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-[26rem]" />
    </div>
  );
}

function MissingSession({ error }: { error: unknown }) {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  const signIn = code === "UNAUTHORIZED";
  return (
    <div className="mx-auto max-w-md space-y-4 py-16 text-center" data-testid="paper-missing">
      <h1 className="text-xl font-semibold">
        {signIn ? "Sign in to see this session" : "Session not found"}
      </h1>
      <p className="text-sm text-muted-foreground">
        {signIn ? errorMessage(error) : "This session does not exist or is not yours."}
      </p>
      <Link className={buttonVariants({ variant: "outline" })} href={signIn ? "/sign-in" : "/paper"}>
        {signIn ? "Sign in" : "Back to paper sessions"}
      </Link>
    </div>
  );
}
