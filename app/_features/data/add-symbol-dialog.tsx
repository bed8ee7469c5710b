"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";

const VENUES = [
  { value: "binance", label: "Binance (crypto, no key needed)", example: "BTCUSDT" },
  { value: "yahoo", label: "Yahoo Finance (stocks, indices, no key)", example: "AAPL" },
  { value: "alpaca", label: "Alpaca (US stocks and crypto, your key)", example: "AAPL or BTC/USD" },
] as const;
type Venue = (typeof VENUES)[number]["value"];

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Asks a venue for a symbol's bars over a range. The download runs on the server; the dialog
 * closes as soon as it starts and the datasets table shows its progress.
 */
export function AddSymbolDialog({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose: () => void;
  onStarted: (id: string, label: string) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a symbol"
      description="Strata downloads the bars once and keeps them; adding the same symbol again fetches only what is missing."
    >
      <AddSymbolForm onCancel={onClose} onStarted={onStarted} />
    </Dialog>
  );
}

function AddSymbolForm({
  onCancel,
  onStarted,
}: {
  onCancel: () => void;
  onStarted: (id: string, label: string) => void;
}) {
  const trpc = useTRPC();
  const [venue, setVenue] = useState<Venue>("binance");
  const [symbol, setSymbol] = useState("");
  const [timeframe, setTimeframe] = useState<Timeframe>("1h");
  const [from, setFrom] = useState(() => isoDay(Date.now() - 30 * 86_400_000));
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const add = useMutation(
    trpc.data.addSymbol.mutationOptions({
      onSuccess: ({ id }) => onStarted(id, `${symbol.trim()} ${timeframe}`),
    }),
  );
  const example = VENUES.find((v) => v.value === venue)!.example;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ venue, symbol: symbol.trim(), timeframe, from, to });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="space-y-2">
        <Label htmlFor="symbol-venue">Venue</Label>
        <Select
          id="symbol-venue"
          className="h-10"
          value={venue}
          onChange={(e) => setVenue(e.target.value as Venue)}
        >
          {VENUES.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <div className="space-y-2">
          <Label htmlFor="symbol-name">Symbol</Label>
          <Input
            id="symbol-name"
            value={symbol}
            placeholder={`e.g. ${example}`}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setSymbol(e.target.value.toUpperCase())}
          />
        </div>
        <div className="space-y-2">
          <Label htmlFor="symbol-timeframe">Timeframe</Label>
          <Select
            id="symbol-timeframe"
            className="h-10"
            value={timeframe}
            onChange={(e) => setTimeframe(e.target.value as Timeframe)}
          >
            {TIMEFRAMES.map((tf) => (
              <option key={tf} value={tf}>
                {tf}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <Label htmlFor="symbol-from">From</Label>
          <Input id="symbol-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="symbol-to">To</Label>
          <Input id="symbol-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      {add.error && <Alert>{errorMessage(add.error)}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? "Starting…" : "Download bars"}
        </Button>
      </div>
    </form>
  );
}
