import type { Logger } from "pino";
import { isCrypto } from "@/engine-runtime/connectors/alpaca/mapper";
import { VenueError } from "@/engine-runtime/connectors/core/http";
import type { Connector, FeedEvent, FeedStatus, LiveFeed } from "@/engine-runtime/connectors/core/types";
import { type BarColumns, barAt, emptyBars } from "@/engine-runtime/data/bars";
import { bucketStart, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";
import type { ApiKey } from "@/server/data/credentials";
import type { ConnectorFactory } from "@/server/data/service";
import type { SessionRow } from "./ledger";
import type { SessionMarket } from "./session-run";

/**
 * Sessions on a venue's live market instead of a replay: warm-up and missed bars come from the
 * venue's REST history, the rest from its live feed of closed bars, through the same connectors
 * the Data page syncs with. The session then decides on the bars the venue is trading now.
 */

/** Where a session's bars come from: a stored dataset replayed, or a venue's live market. */
export const SESSION_MARKETS = ["replay", "binance", "alpaca"] as const;
export type SessionMarketSource = (typeof SESSION_MARKETS)[number];
export type LiveVenue = Exclude<SessionMarketSource, "replay">;

const VENUES: Record<LiveVenue, { name: string; example: string }> = {
  binance: { name: "Binance", example: "BTCUSDT" },
  alpaca: { name: "Alpaca", example: "AAPL or BTC/USD" },
};

const DAY = 86_400_000;
/** A US stock exchange's regular session, the hours stock bars exist in. */
const STOCK_SESSION_MS = 6.5 * 3_600_000;

export function isLiveVenue(market: string): market is LiveVenue {
  return market in VENUES;
}

/**
 * Where a new session on a live market starts: it trades from the bar forming now and warms up on
 * the bars before it (two spare for a bar the venue never printed). Stocks trade 6.5 hours a
 * weekday, so their warm-up reaches back half as far again in calendar time, plus a long weekend.
 */
export function liveWindow(
  venue: LiveVenue,
  symbol: string,
  timeframe: Timeframe,
  warmup: number,
  now: number,
): { warmupFrom: number; liveFrom: number } {
  const barMs = TIMEFRAME_MS[timeframe];
  const liveFrom = bucketStart(now, timeframe);
  const bars = warmup + 2;
  if (venue === "binance" || isCrypto(symbol)) return { warmupFrom: liveFrom - bars * barMs, liveFrom };
  const tradingTime = barMs >= DAY ? bars * barMs : Math.ceil((bars * barMs) / STOCK_SESSION_MS) * DAY;
  return { warmupFrom: liveFrom - Math.ceil(tradingTime * 1.5) - 4 * DAY, liveFrom };
}

export interface VenueMarketOptions {
  venue: LiveVenue;
  /** The venue's connector: REST history and a live feed. */
  connector: Connector;
  symbol: string;
  timeframe: Timeframe;
  /** The session's warm-up, from its first bar to its first live bar: finding no bar in it means the venue does not trade the symbol. */
  warmupFrom: number;
  liveFrom: number;
  /** The clock that says which bars have closed; the machine's unless a test sets it. */
  now?: () => number;
}

/** A session's market on a venue: closed bars only, missed ones caught up from REST. */
export function venueMarket(options: VenueMarketOptions): SessionMarket {
  const { connector, symbol, timeframe, warmupFrom, liveFrom } = options;
  const { name } = VENUES[options.venue];
  const barMs = TIMEFRAME_MS[timeframe];
  const now = options.now ?? Date.now;
  const subscribe = connector.subscribe?.bind(connector);
  if (!subscribe) throw new Error(`${name} has no live feed, so a session cannot follow its market.`);

  const history = async (from: number, to: number): Promise<BarColumns> => {
    // The bar forming now closes when the next one opens: only bars before it are final.
    const until = Math.min(to, bucketStart(now(), timeframe));
    if (from >= until) return emptyBars(0);
    let bars: BarColumns;
    try {
      bars = await connector.history(symbol, timeframe, from, until);
    } catch (error) {
      const problem = venueProblem(options.venue, symbol, timeframe, error);
      const then = {
        key: "then resume the session.",
        symbol: "then start a new session.",
        venue: "Resume the session to try again.",
      }[problem.kind];
      throw new Error(`${problem.message} ${then}`);
    }
    if (bars.time.length === 0 && from <= warmupFrom && until >= liveFrom) {
      throw new Error(`${noBars(options.venue, symbol, timeframe, from, until)}, then start a new session.`);
    }
    return bars;
  };

  return {
    barMs,
    history,
    subscribe: (after) =>
      new VenueFeed(subscribe([symbol], timeframe), {
        after,
        symbol,
        timeframe,
        catchUp: () => history(after + 1, Number.POSITIVE_INFINITY),
        // The newest closed bar is news, not a missed bar: it closed less than a bar ago.
        missed: (time) => now() - (time + barMs) >= barMs,
        ended: (reason) =>
          `The live ${name} feed of ${symbol} ended: ${reason}. Resume the session to follow it again.`,
      }),
  };
}

/**
 * What went wrong when a venue was asked for a symbol's bars, as the start of a sentence (the
 * caller says what to do next): the key refused, the symbol unknown, or the venue unreachable.
 */
function venueProblem(
  venue: LiveVenue,
  symbol: string,
  timeframe: Timeframe,
  error: unknown,
): { kind: "key" | "symbol" | "venue"; message: string } {
  const { name, example } = VENUES[venue];
  const status = error instanceof VenueError ? error.status : undefined;
  if (status === 401 || status === 403) {
    const message = `${name} refused your API key (HTTP ${status}) when asked for the ${timeframe} bars of ${symbol}. Check your ${name} key on the Data page,`;
    return { kind: "key", message };
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    const message = `${name} does not know the symbol ${symbol}: it refused the request for its ${timeframe} bars (HTTP ${status}). Check how ${name} writes it, such as ${example},`;
    return { kind: "symbol", message };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: "venue", message: `The ${timeframe} bars of ${symbol} could not be read: ${reason}` };
}

function noBars(venue: LiveVenue, symbol: string, timeframe: Timeframe, from: number, until: number): string {
  const { name, example } = VENUES[venue];
  return `${name} has no ${timeframe} bars of ${symbol} between ${iso(from)} and ${iso(until)}. Check that ${name} trades this symbol, such as ${example}`;
}

/** What checking a symbol on a venue found: its newest closed bar, or a sentence saying what is wrong. */
export type SymbolCheck =
  | { status: "found"; time: number; close: number }
  | { status: "refused"; message: string }
  | { status: "unreachable"; message: string };

/**
 * Asks the venue for the symbol's newest closed bars, as a session's warm-up would: while the
 * trader fills in the start dialog, so a symbol the venue does not trade is caught there. A venue
 * that cannot be reached does not stop a start (the session retries); a refusal does.
 */
export async function checkVenueSymbol(
  venue: LiveVenue,
  connector: Connector,
  symbol: string,
  timeframe: Timeframe,
  { now = Date.now(), timeoutMs = 8_000 }: { now?: number; timeoutMs?: number } = {},
): Promise<SymbolCheck> {
  // The window a one-bar warm-up reads: long enough to hold a closed bar over weekends and holidays.
  const { warmupFrom, liveFrom } = liveWindow(venue, symbol, timeframe, 1, now);
  let timer: NodeJS.Timeout | undefined;
  // The trader is waiting: a venue that has not answered by then counts as unreachable (the
  // request itself goes on through its retries, and is dropped).
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${VENUES[venue].name} did not answer within ${timeoutMs / 1000} seconds.`)),
      timeoutMs,
    );
  });
  try {
    const bars = await Promise.race([connector.history(symbol, timeframe, warmupFrom, liveFrom), late]);
    const last = bars.time.length - 1;
    if (last < 0)
      return { status: "refused", message: `${noBars(venue, symbol, timeframe, warmupFrom, liveFrom)}.` };
    return { status: "found", time: bars.time[last], close: bars.close[last] };
  } catch (error) {
    const problem = venueProblem(venue, symbol, timeframe, error);
    if (problem.kind === "venue")
      return {
        status: "unreachable",
        message: `${problem.message} You can start anyway: the session tries again.`,
      };
    return { status: "refused", message: `${problem.message} then start.` };
  } finally {
    clearTimeout(timer);
  }
}

interface VenueFeedOptions {
  after: number;
  symbol: string;
  timeframe: Timeframe;
  catchUp: () => Promise<BarColumns>;
  missed: (time: number) => boolean;
  ended: (reason: string) => string;
}

/**
 * The venue's feed for one session: first the bars that closed since `after` (from REST, while
 * the stream connects and buffers), then the stream's, each bar once and in time order. The
 * stream reconnects by itself; when it goes down for good, iterating throws a sentence saying why.
 */
class VenueFeed implements LiveFeed {
  #closed = false;

  constructor(
    private readonly inner: LiveFeed,
    private readonly options: VenueFeedOptions,
  ) {}

  get status(): FeedStatus {
    return this.inner.status;
  }

  onStatus(listener: (status: FeedStatus, reason: string) => void): () => void {
    return this.inner.onStatus(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.inner.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FeedEvent> {
    const { symbol, timeframe } = this.options;
    let last = this.options.after;
    let reason = "the venue closed it";
    try {
      const caughtUp = await this.options.catchUp();
      for (let i = 0; i < caughtUp.time.length; i++) {
        if (this.#closed) return;
        const bar = barAt(caughtUp, i);
        if (bar.time <= last) continue;
        last = bar.time;
        yield { kind: "bar", symbol, timeframe, bar, backfilled: this.options.missed(bar.time) };
      }
      for await (const event of this.inner) {
        if (event.kind === "status") reason = event.reason;
        if (event.kind === "bar") {
          if (event.bar.time <= last) continue;
          last = event.bar.time;
        }
        yield event;
      }
      if (!this.#closed && this.inner.status === "down") throw new Error(this.options.ended(reason));
    } finally {
      await this.inner.close();
    }
  }
}

/**
 * The market of a session that follows a venue: its connector, with the owner's key where the
 * venue needs one (decrypted here, on the server, and handed to the connector only).
 */
export async function openVenueMarket(
  session: SessionRow,
  connectors: ConnectorFactory,
  keys: (ownerId: string) => Promise<ApiKey | null>,
  log: Logger,
): Promise<SessionMarket> {
  const venue = session.market;
  if (!isLiveVenue(venue)) throw new Error(`This session reads a market Strata does not know ("${venue}").`);
  const timeframe = session.timeframe as Timeframe;
  if (!TIMEFRAMES.includes(timeframe))
    throw new Error(`This session's timeframe "${session.timeframe}" is not one Strata knows.`);
  const key = venue === "alpaca" ? await keys(session.owner_id) : null;
  if (venue === "alpaca" && !key) {
    throw new Error(
      `This session follows ${session.symbol} on Alpaca's live market, and you have no Alpaca API key saved. Add it on the Data page, then resume the session.`,
    );
  }
  return venueMarket({
    venue,
    connector: connectors(venue, key, log),
    symbol: session.symbol,
    timeframe,
    warmupFrom: Number(session.warmup_from),
    liveFrom: Number(session.live_from),
  });
}

const iso = (time: number) => new Date(time).toISOString().replace(":00.000Z", "Z");
