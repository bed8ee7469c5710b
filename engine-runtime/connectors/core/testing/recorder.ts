import type { Bar } from "@/engine-runtime/data/bars";
import type { FeedEvent, FeedStatus, LiveFeed } from "../types";

/** Reads a feed in the background so tests can wait for what they expect and inspect everything seen. */
export class FeedRecorder {
  readonly events: FeedEvent[] = [];
  #waiters = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(feed: LiveFeed) {
    this.done = (async () => {
      for await (const event of feed) {
        this.events.push(event);
        for (const wake of this.#waiters) wake();
      }
      for (const wake of this.#waiters) wake();
    })();
  }

  bars(): (Bar & { symbol: string; backfilled: boolean })[] {
    return this.events.flatMap((e) =>
      e.kind === "bar" ? [{ ...e.bar, symbol: e.symbol, backfilled: e.backfilled }] : [],
    );
  }

  statuses(): FeedStatus[] {
    return this.events.flatMap((e) => (e.kind === "status" ? [e.status] : []));
  }

  /** Resolves once `condition` holds; rejects after `timeoutMs` with what was seen, to explain the failure. */
  until(condition: (recorder: this) => boolean, what: string, timeoutMs = 4_000): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}; saw ${JSON.stringify(this.events.slice(-12))}`));
      }, timeoutMs);
      const check = () => {
        if (!condition(this)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }
}

/** Waits for a condition on something other than the feed (the fake server's records). */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
