"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_lib/cn";
import type { Trade } from "@/engine-runtime/execution/types";
import { formatBarTime, formatMoney, formatPrice } from "./format";

const PAGE = 200;

const REASONS: Record<Trade["exitReason"], string> = {
  signal: "Signal",
  stopLoss: "Stop loss",
  takeProfit: "Take profit",
  trailingStop: "Trailing stop",
  exitAfterBars: "Time exit",
  reverse: "Reversed",
  open: "Still open",
};

/** The closed trades, then any still open at the end; long lists show a page at a time. */
export function TradesTable({ trades, intraday }: { trades: readonly Trade[]; intraday: boolean }) {
  const [shown, setShown] = useState(PAGE);
  if (trades.length === 0) {
    return (
      <p className="px-4 py-8 text-center text-sm text-muted-foreground">
        No trades: the entry conditions never came true on this dataset. Loosen them in the editor and run
        again.
      </p>
    );
  }
  return (
    <div>
      {/* Cells keep to one line: on a narrow screen the table scrolls sideways rather than squeezing dates. */}
      <div className="overflow-x-auto">
        <table className="w-full whitespace-nowrap text-sm tabular-nums" data-testid="report-trades">
          <thead className="text-xs text-muted-foreground">
            <tr className="border-b border-border text-left">
              <th className="px-4 py-2 font-medium">#</th>
              <th className="px-2 py-2 font-medium">Side</th>
              <th className="px-2 py-2 font-medium">Entry</th>
              <th className="px-2 py-2 text-right font-medium">Entry price</th>
              <th className="px-2 py-2 font-medium">Exit</th>
              <th className="px-2 py-2 text-right font-medium">Exit price</th>
              <th className="px-2 py-2 text-right font-medium">Quantity</th>
              <th className="px-2 py-2 text-right font-medium">P&amp;L</th>
              <th className="px-2 py-2 text-right font-medium">Bars held</th>
              <th className="px-4 py-2 font-medium">Exit reason</th>
            </tr>
          </thead>
          <tbody>
            {trades.slice(0, shown).map((t, i) => (
              <tr
                key={`${t.entryBar}-${t.exitBar}-${t.direction}-${t.exitReason}`}
                className="border-b border-border/60 last:border-0 hover:bg-muted/40"
              >
                <td className="px-4 py-1.5 text-muted-foreground">{i + 1}</td>
                <td className="px-2 py-1.5 capitalize">{t.direction}</td>
                <td className="px-2 py-1.5">{formatBarTime(t.entryTime, intraday)}</td>
                <td className="px-2 py-1.5 text-right">{formatPrice(t.entryPrice)}</td>
                <td className="px-2 py-1.5">{formatBarTime(t.exitTime, intraday)}</td>
                <td className="px-2 py-1.5 text-right">{formatPrice(t.exitPrice)}</td>
                <td className="px-2 py-1.5 text-right">{t.quantity.toLocaleString("en-US")}</td>
                <td
                  className={cn(
                    "px-2 py-1.5 text-right font-medium",
                    t.pnl > 0 && "text-success",
                    t.pnl < 0 && "text-destructive",
                  )}
                >
                  {formatMoney(t.pnl, { signed: true })}
                </td>
                <td className="px-2 py-1.5 text-right">{t.barsHeld}</td>
                <td className="px-4 py-1.5 text-muted-foreground">{REASONS[t.exitReason] ?? t.exitReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {trades.length > shown && (
        <div className="border-t border-border p-3 text-center">
          <Button variant="ghost" size="sm" onClick={() => setShown((n) => n + PAGE * 5)}>
            Show more ({(trades.length - shown).toLocaleString("en-US")} left)
          </Button>
        </div>
      )}
    </div>
  );
}
