import { type BarColumns, barAt, sliceBars } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import { lowerBound } from "../core/columns";
import { AsyncQueue } from "../core/queue";
import type { FeedEvent, FeedStatus, LiveConnector, LiveFeed } from "../core/types";

export interface ReplayOptions {
  /** The stored bars of a symbol at a timeframe (the store, an upload, a sample file). */
  source: (symbol: string, timeframe: Timeframe) => BarColumns | Promise<BarColumns>;
  /** 60 plays a minute of market time per second; must be positive. */
  speed: number;
  /** Market time to start from (epoch ms); the whole dataset by default. */
  from?: number;
}

/**
 * Stored bars played back as a live feed, for demos, tests and offline work. Bars keep their
 * spacing divided by `speed`; symbols are interleaved by time. The feed goes down when the data ends.
 */
export function createReplayConnector(options: ReplayOptions): LiveConnector {
  if (!(options.speed > 0 && Number.isFinite(options.speed))) {
    throw new Error(
      `Replay speed must be a positive number, such as 60 for a minute per second; got ${options.speed}.`,
    );
  }
  return {
    venue: "replay",
    async history(symbol, timeframe, from, to) {
      const bars = await options.source(symbol, timeframe);
      return sliceBars(bars, lowerBound(bars.time, from), lowerBound(bars.time, to));
    },
    subscribe: (symbols, timeframe) => new ReplayFeed(options, symbols, timeframe),
  };
}

class ReplayFeed implements LiveFeed {
  #status: FeedStatus = "connecting";
  #queue = new AsyncQueue<FeedEvent>();
  #listeners = new Set<(status: FeedStatus, reason: string) => void>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly options: ReplayOptions,
    symbols: readonly string[],
    private readonly timeframe: Timeframe,
  ) {
    this.#queue.push({ kind: "status", status: "connecting", reason: "loading the stored bars" });
    this.#load(symbols).catch((error) =>
      this.#finish(`could not load the replay: ${error instanceof Error ? error.message : error}`),
    );
  }

  get status(): FeedStatus {
    return this.#status;
  }

  onStatus(listener: (status: FeedStatus, reason: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  [Symbol.asyncIterator](): AsyncIterator<FeedEvent> {
    return this.#queue[Symbol.asyncIterator]();
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#finish("closed by you");
  }

  async #load(symbols: readonly string[]): Promise<void> {
    const plays: { symbol: string; bars: BarColumns; i: number }[] = [];
    for (const symbol of symbols) {
      const bars = await this.options.source(symbol, this.timeframe);
      const start = lowerBound(bars.time, this.options.from ?? Number.NEGATIVE_INFINITY);
      plays.push({ symbol, bars, i: start });
    }
    if (this.#closed) return;
    const first = Math.min(...plays.map((p) => (p.i < p.bars.time.length ? p.bars.time[p.i] : Infinity)));
    this.#setStatus("live", `replaying at ${this.options.speed}×`);
    const startedAt = performance.now();
    // Each bar is due at its market-time offset divided by speed, measured from one start so timer
    // delays never accumulate into drift.
    const step = () => {
      if (this.#closed) return;
      let next = Infinity;
      for (;;) {
        let pick: (typeof plays)[number] | undefined;
        for (const play of plays) {
          if (play.i < play.bars.time.length && (!pick || play.bars.time[play.i] < pick.bars.time[pick.i]))
            pick = play;
        }
        if (!pick) return this.#finish("the replay reached the end of the data");
        const due = (pick.bars.time[pick.i] - first) / this.options.speed;
        if (due > performance.now() - startedAt) {
          next = due;
          break;
        }
        this.#queue.push({
          kind: "bar",
          symbol: pick.symbol,
          timeframe: this.timeframe,
          bar: barAt(pick.bars, pick.i),
          backfilled: false,
        });
        pick.i++;
      }
      this.#timer = setTimeout(step, Math.max(0, next - (performance.now() - startedAt)));
    };
    step();
  }

  #finish(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#setStatus("down", reason);
    this.#queue.end();
  }

  #setStatus(status: FeedStatus, reason: string): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#queue.push({ kind: "status", status, reason });
    for (const listener of this.#listeners) listener(status, reason);
  }
}
