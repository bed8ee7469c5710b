import { z } from "zod";
import { TIMEFRAMES } from "@/nodes/data/timeframes";
import { SESSION_BROKERS } from "@/server/trading/live/session";
import { SESSION_MARKETS } from "@/server/trading/live-market";
import { paperSettingsSchema } from "@/server/trading/settings";

const id = z.string().min(1).max(64);

const ALPACA_SYMBOL = /^[A-Z][A-Z0-9.]{0,9}(\/[A-Z]{2,5})?$/;
const BINANCE_SYMBOL = /^[A-Z0-9]{2,20}$/;

/** What is wrong with a symbol for the venue that would read or trade it, or undefined. */
function symbolProblem(venue: "binance" | "alpaca", symbol: string | undefined): string | undefined {
  if (venue === "binance")
    return BINANCE_SYMBOL.test(symbol ?? "") ? undefined : "Enter a symbol Binance trades, such as BTCUSDT.";
  return ALPACA_SYMBOL.test(symbol ?? "")
    ? undefined
    : "Enter a symbol Alpaca trades, such as AAPL or BTC/USD.";
}

export const startPaperInput = z
  .object({
    strategyId: id,
    /** A version number; the newest saved version when absent. */
    version: z.number().int().positive().optional(),
    /** Where the bars come from: a stored dataset replayed, or a venue's live market. */
    market: z.enum(SESSION_MARKETS).default("replay"),
    /** The dataset a replay plays; required for the replay market only. */
    dataset: z.string().min(1).max(200).optional(),
    /** The bar length a live market is followed in; a replay's is its dataset's. */
    timeframe: z.enum(TIMEFRAMES).optional(),
    settings: paperSettingsSchema.prefault({}),
    /** Where orders go: fills simulated here, or the owner's Alpaca paper account. */
    broker: z.enum(SESSION_BROKERS).default("simulated"),
    /**
     * On a live market, the symbol it follows (and the broker trades). On a replay, the symbol the
     * broker trades; the dataset's own symbol when absent.
     */
    symbol: z.string().trim().toUpperCase().optional(),
  })
  .superRefine((input, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (input.market === "replay") {
      if (!input.dataset) problem("dataset", "Choose the dataset to replay.");
      // The symbol a replay's orders go to Alpaca under, when the dataset's own is not it.
      const wrong = input.symbol === undefined ? undefined : symbolProblem("alpaca", input.symbol);
      if (wrong) problem("symbol", wrong);
      return;
    }
    if (!input.timeframe) problem("timeframe", "Choose the bar length to follow, such as 1m or 1d.");
    const wrong = symbolProblem(input.market, input.symbol);
    if (wrong) problem("symbol", wrong);
    if (input.market === "binance" && input.broker !== "simulated") {
      problem(
        "broker",
        "Orders at Alpaca follow Alpaca's market: choose live Alpaca, or simulated fills on Binance's market.",
      );
    }
  });

/** A live market's symbol to check with its venue while the start dialog is filled in. */
export const checkSymbolInput = z
  .object({
    market: z.enum(["binance", "alpaca"]),
    symbol: z.string().trim().toUpperCase(),
    timeframe: z.enum(TIMEFRAMES),
  })
  .superRefine((input, ctx) => {
    const wrong = symbolProblem(input.market, input.symbol);
    if (wrong) ctx.addIssue({ code: "custom", path: ["symbol"], message: wrong });
  });

export const paperIdInput = z.object({ id });
export const listPaperInput = z.object({
  strategyId: id.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
