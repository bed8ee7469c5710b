import { AsyncQueue } from "@/engine-runtime/connectors/core/queue";
import type { FeedEvent, FeedStatus, LiveFeed } from "@/engine-runtime/connectors/core/types";
import { type Bar, type BarColumns, emptyBars } from "@/engine-runtime/data/bars";
import type { SessionMarket } from "@/server/trading/session-run";

/**
 * A market whose bars close when a test says so: history holds the bars closed so far, and every
 * feed delivers a bar the moment `closeNext` closes it. What a session did with a bar is then a
 * question of the ledger, not of timers. Test infrastructure, like the fake venues: never
 * imported by app code.
 */
export class HandMarket implements SessionMarket {
  readonly barMs = 86_400_000;
  /** What the session asked of the market, in order: "history" and "subscribe". */
  readonly calls: string[] = [];
  #closed: number;
  readonly #feeds = new Set<HandFeed>();

  constructor(
    readonly bars: readonly Bar[],
    closed: number,
    /** Called at every call, before it is answered: lets a test note what else had happened by then. */
    readonly onCall: (call: string) => void = () => {},
  ) {
    this.#closed = closed;
  }

  get closed(): number {
    return this.#closed;
  }

  async history(from: number, to: number): Promise<BarColumns> {
    this.#note("history");
    const picked = this.bars.slice(0, this.#closed).filter((bar) => bar.time >= from && bar.time < to);
    const columns = emptyBars(picked.length);
    picked.forEach((bar, i) => {
      columns.time[i] = bar.time;
      columns.open[i] = bar.open;
      columns.high[i] = bar.high;
      columns.low[i] = bar.low;
      columns.close[i] = bar.close;
      columns.volume[i] = bar.volume;
    });
    return columns;
  }

  subscribe(after: number): LiveFeed {
    this.#note("subscribe");
    const feed = new HandFeed(() => this.#feeds.delete(feed));
    this.#feeds.add(feed);
    for (const bar of this.bars.slice(0, this.#closed)) if (bar.time > after) feed.deliver(bar);
    return feed;
  }

  /** Closes the next bar and delivers it to every open feed; returns it. */
  closeNext(): Bar {
    const bar = this.bars[this.#closed];
    if (!bar) throw new Error(`The hand market has only ${this.bars.length} bars.`);
    this.#closed++;
    for (const feed of this.#feeds) feed.deliver(bar);
    return bar;
  }

  #note(call: string): void {
    this.calls.push(call);
    this.onCall(call);
  }
}

class HandFeed implements LiveFeed {
  #status: FeedStatus = "live";
  readonly #queue = new AsyncQueue<FeedEvent>();

  constructor(private readonly closed: () => void) {}

  get status(): FeedStatus {
    return this.#status;
  }

  onStatus(): () => void {
    return () => {};
  }

  deliver(bar: Bar): void {
    this.#queue.push({ kind: "bar", symbol: "", timeframe: "1d", bar, backfilled: false });
  }

  async close(): Promise<void> {
    this.#status = "down";
    this.#queue.end();
    this.closed();
  }

  [Symbol.asyncIterator](): AsyncIterator<FeedEvent> {
    return this.#queue[Symbol.asyncIterator]();
  }
}
