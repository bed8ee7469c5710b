"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { formatBarTime, formatPrice } from "@/app/_features/backtest-report/format";
import type { SaveStatus } from "@/app/_features/canvas/use-autosave";
import { DATASETS } from "@/app/_features/preview/datasets";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";

/** Bundled samples replay on the server as `sample:<id>`; generated data exists only in the browser. */
const REPLAYABLE = DATASETS.filter((d) => d.file);

type Broker = "simulated" | "alpaca-paper";
/** Where the bars come from: a replay of a dataset, or a venue's live market. */
type Market = "replay" | "binance" | "alpaca";

/** The ticker a sample names in parentheses ("Oracle (ORCL) daily" → ORCL); blank when it names none. */
const tickerOf = (label: string) => /\(([A-Z.]+)\)/.exec(label)?.[1] ?? "";
const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}(\/[A-Z]{2,5})?$/;
const BINANCE_SYMBOL = /^[A-Z0-9]{2,20}$/;

/**
 * "Paper trade" in the editor's toolbar: a dialog for the session (its market: a replay of a
 * dataset at a chosen speed, or Binance's or Alpaca's live market for a symbol and timeframe; cash,
 * fees, and where orders go: simulated fills, or the trader's Alpaca paper account when they saved
 * an Alpaca key), then a session of the saved version, and the session's page. Pending edits are
 * saved first.
 */
export function PaperTradeButton({
  strategyId,
  saveStatus,
  version,
  saveNow,
  dataset,
  blocker,
}: {
  strategyId: string;
  saveStatus: SaveStatus;
  version: number;
  saveNow: () => void;
  dataset: string;
  /** Why the strategy cannot run yet (see runBlocker). */
  blocker: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const reason = blocker ?? "Replay the saved strategy bar by bar with simulated fills";
  return (
    <>
      {/* A disabled button shows no tooltip, so the reason sits on a wrapper that stays hoverable. */}
      <span title={reason} className="inline-flex" data-testid="paper-trade-wrapper">
        <Button
          size="sm"
          variant="outline"
          className="h-7 text-xs"
          onClick={() => setOpen(true)}
          disabled={blocker !== undefined}
          aria-describedby={blocker ? "paper-trade-reason" : undefined}
        >
          Paper trade
        </Button>
      </span>
      {blocker && (
        <span id="paper-trade-reason" className="sr-only">
          {reason}
        </span>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Paper trade"
        description="The saved version trades a replay of stored bars or a live market. No real money moves."
      >
        {open && (
          <PaperTradeForm
            strategyId={strategyId}
            saveStatus={saveStatus}
            version={version}
            saveNow={saveNow}
            dataset={dataset}
            onCancel={() => setOpen(false)}
          />
        )}
      </Dialog>
    </>
  );
}

function PaperTradeForm({
  strategyId,
  saveStatus,
  version,
  saveNow,
  dataset,
  onCancel,
}: {
  strategyId: string;
  saveStatus: SaveStatus;
  version: number;
  saveNow: () => void;
  dataset: string;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const start = useMutation(trpc.paper.start.mutationOptions());
  const keys = useQuery(trpc.data.credentials.list.queryOptions());
  const hasAlpaca = keys.data?.some((key) => key.venue === "alpaca") ?? false;
  const [chosen, setChosen] = useState(REPLAYABLE.some((d) => d.id === dataset) ? dataset : REPLAYABLE[0].id);
  const [market, setMarket] = useState<Market>("replay");
  const [broker, setBroker] = useState<Broker>("simulated");
  const [symbol, setSymbol] = useState(() => tickerOf(REPLAYABLE.find((d) => d.id === chosen)?.label ?? ""));
  const [liveSymbol, setLiveSymbol] = useState("BTCUSDT");
  const [timeframe, setTimeframe] = useState<Timeframe>("1m");
  const replay = market === "replay";
  // Orders at Alpaca follow Alpaca's market (or a replay), never Binance's.
  const atAlpaca = hasAlpaca && broker === "alpaca-paper" && market !== "binance";
  const venueSymbol = liveSymbol.trim().toUpperCase();
  const symbolCheck = useSymbolCheck(market, venueSymbol, timeframe);
  const [cash, setCash] = useState("10000");
  const [speed, setSpeed] = useState("5");
  const [feePercent, setFeePercent] = useState("0");
  const [perOrder, setPerOrder] = useState("0");
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const numbers = {
    cash: Number(cash),
    speed: Number(speed),
    feePercent: Number(feePercent),
    perOrder: Number(perOrder),
  };
  const invalid = !(numbers.cash > 0)
    ? "Starting cash must be more than 0."
    : replay && !(numbers.speed >= 0.01 && numbers.speed <= 100)
      ? "Speed must be between 0.01 and 100 bars per second."
      : !(numbers.feePercent >= 0 && numbers.feePercent <= 100)
        ? "The fee percent must be between 0 and 100."
        : !(numbers.perOrder >= 0)
          ? "The fee per fill cannot be negative."
          : market === "binance" && !BINANCE_SYMBOL.test(venueSymbol)
            ? "Enter the symbol Binance trades, such as BTCUSDT."
            : market === "alpaca" && !SYMBOL.test(venueSymbol)
              ? "Enter the symbol Alpaca trades, such as AAPL or BTC/USD."
              : replay && atAlpaca && !SYMBOL.test(symbol.trim().toUpperCase())
                ? "Enter the symbol Alpaca trades, such as AAPL or BTC/USD."
                : symbolCheck?.status === "refused"
                  ? symbolCheck.message
                  : null;

  const launch = async (savedVersion: number) => {
    setWaiting(false);
    try {
      const { id } = await start.mutateAsync({
        strategyId,
        version: savedVersion,
        ...(replay ? { dataset: `sample:${chosen}` } : { market, symbol: venueSymbol, timeframe }),
        settings: {
          run: {
            initialCash: numbers.cash,
            commission: { percent: numbers.feePercent, perUnit: 0, perOrder: numbers.perOrder },
          },
          barsPerSecond: numbers.speed,
        },
        ...(atAlpaca ? { broker: "alpaca-paper" as const } : {}),
        ...(atAlpaca && replay ? { symbol: symbol.trim().toUpperCase() } : {}),
      });
      router.push(`/paper/${id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // The session runs the saved version, so unsaved edits are saved before it starts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: launch reads the form as it is now
  useEffect(() => {
    if (!waiting) return;
    if (saveStatus === "saved") void launch(version);
    else if (saveStatus === "conflict" || saveStatus === "error") {
      setWaiting(false);
      setError(
        saveStatus === "conflict"
          ? "This strategy was changed in another tab. Choose which version continues, then start again."
          : "Your latest edits could not be saved. Retry saving, then start again.",
      );
    }
  }, [waiting, saveStatus, version]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    setError(null);
    if (saveStatus === "saved") void launch(version);
    else {
      setWaiting(true);
      if (saveStatus !== "saving") saveNow();
    }
  };

  const busy = waiting || start.isPending || start.isSuccess;
  return (
    <form className="space-y-4" onSubmit={submit} noValidate>
      <div className="space-y-1.5">
        <Label htmlFor="paper-market">Market</Label>
        <select
          id="paper-market"
          value={market}
          onChange={(e) => {
            const next = e.target.value as Market;
            setMarket(next);
            if (next === "binance") setLiveSymbol("BTCUSDT");
            if (next === "alpaca") setLiveSymbol("AAPL");
          }}
          className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-sm"
        >
          <option value="replay">Replay of a dataset</option>
          <option value="binance">Live Binance (crypto, public data)</option>
          {hasAlpaca && <option value="alpaca">Live Alpaca (US stocks and crypto, your key)</option>}
        </select>
        {!replay && (
          <p className="text-xs text-muted-foreground">
            The session warms up on the venue&apos;s recent bars, then decides on each bar as it closes, from
            now on. It runs until you stop it.
          </p>
        )}
      </div>
      {!replay && (
        <div className="grid grid-cols-2 gap-3">
          <div className="space-y-1.5">
            <Label htmlFor="paper-live-symbol">
              {market === "binance" ? "Symbol on Binance" : "Symbol at Alpaca"}
            </Label>
            <Input
              id="paper-live-symbol"
              value={liveSymbol}
              placeholder={market === "binance" ? "BTCUSDT" : "AAPL"}
              autoCapitalize="characters"
              onChange={(e) => setLiveSymbol(e.target.value)}
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="paper-timeframe">Timeframe</Label>
            <select
              id="paper-timeframe"
              value={timeframe}
              onChange={(e) => setTimeframe(e.target.value as Timeframe)}
              className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-sm"
            >
              {TIMEFRAMES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <SymbolCheckLine check={symbolCheck} market={market} symbol={venueSymbol} timeframe={timeframe} />
        </div>
      )}
      {replay && (
        <div className="space-y-1.5">
          <Label htmlFor="paper-dataset">Replay dataset</Label>
          <select
            id="paper-dataset"
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              setSymbol(tickerOf(REPLAYABLE.find((d) => d.id === e.target.value)?.label ?? ""));
            }}
            className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-sm"
          >
            {REPLAYABLE.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {hasAlpaca && market !== "binance" && (
        <div className="space-y-1.5">
          <Label htmlFor="paper-broker">Orders go to</Label>
          <select
            id="paper-broker"
            value={broker}
            onChange={(e) => setBroker(e.target.value as Broker)}
            className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-sm"
          >
            <option value="simulated">Simulated fills (nothing is sent)</option>
            <option value="alpaca-paper">My Alpaca paper account</option>
          </select>
          {atAlpaca && (
            <p className="text-xs text-muted-foreground">
              The strategy decides on {replay ? "the replayed bars" : "Alpaca's live bars"}; each order goes
              to your Alpaca paper account, and only Alpaca&apos;s fills count. Stopping cancels open orders
              there and keeps positions.
            </p>
          )}
        </div>
      )}
      {atAlpaca && replay && (
        <div className="space-y-1.5">
          <Label htmlFor="paper-symbol">Symbol at Alpaca</Label>
          <Input
            id="paper-symbol"
            value={symbol}
            placeholder="AAPL"
            autoCapitalize="characters"
            onChange={(e) => setSymbol(e.target.value)}
          />
        </div>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field id="paper-cash" label="Starting cash" value={cash} onChange={setCash} step="any" />
        {replay && (
          <Field
            id="paper-speed"
            label="Speed (bars per second)"
            value={speed}
            onChange={setSpeed}
            step="any"
          />
        )}
        <Field id="paper-fee-percent" label="Fee (% of value)" value={feePercent} onChange={setFeePercent} />
        <Field id="paper-fee-order" label="Fee per fill" value={perOrder} onChange={setPerOrder} />
      </div>
      {(invalid || error) && (
        <p role="alert" className="text-sm text-destructive">
          {invalid ?? error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={Boolean(invalid) || busy}>
          {busy ? "Starting…" : atAlpaca ? "Start at Alpaca" : "Start paper trading"}
        </Button>
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  value,
  onChange,
  step = "any",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  step?: string;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        min="0"
        step={step}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** What the venue said of a live market's symbol, or that it is being asked. */
type SymbolCheckState =
  | { status: "checking" }
  | { status: "found"; time: number; close: number }
  | { status: "refused" | "unreachable"; message: string };

/**
 * Asks the venue whether it trades the symbol once typing pauses, so a symbol it does not list is
 * refused here rather than by the session's first read. Undefined on a replay, and while the
 * symbol is not one the venue could write (the form says so).
 */
function useSymbolCheck(market: Market, symbol: string, timeframe: Timeframe): SymbolCheckState | undefined {
  const trpc = useTRPC();
  const asking = `${market} ${symbol} ${timeframe}`;
  const settled = useDebounced(asking, 500) === asking;
  const writable = market === "binance" ? BINANCE_SYMBOL.test(symbol) : SYMBOL.test(symbol);
  const live = market !== "replay";
  const query = useQuery({
    ...trpc.paper.checkSymbol.queryOptions({
      market: market === "alpaca" ? "alpaca" : "binance",
      symbol,
      timeframe,
    }),
    enabled: live && writable && settled,
    staleTime: 60_000,
    retry: false,
  });
  if (!live || !writable) return undefined;
  if (query.error)
    return {
      status: "unreachable",
      message: `${symbol} could not be checked (${errorMessage(query.error)}). You can start anyway.`,
    };
  if (!settled || !query.data) return { status: "checking" };
  return query.data;
}

/** The check's outcome under the symbol; a refusal is shown with the form's other problems instead. */
function SymbolCheckLine({
  check,
  market,
  symbol,
  timeframe,
}: {
  check: SymbolCheckState | undefined;
  market: Market;
  symbol: string;
  timeframe: Timeframe;
}) {
  if (!check || check.status === "refused") return null;
  const venue = market === "binance" ? "Binance" : "Alpaca";
  const intraday = !timeframe.endsWith("d") && !timeframe.endsWith("w");
  const text =
    check.status === "checking"
      ? `Checking ${symbol} with ${venue}…`
      : check.status === "found"
        ? `${venue} trades ${symbol}: its last ${timeframe} bar closed at ${formatPrice(check.close)} (${formatBarTime(check.time, intraday)} UTC).`
        : check.message;
  return (
    <p role="status" data-testid="paper-symbol-check" className="col-span-2 text-xs text-muted-foreground">
      {text}
    </p>
  );
}
