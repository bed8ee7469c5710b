import type { LiveFeed } from "@/engine-runtime/connectors/core/types";
import { type Bar, type BarColumns, barAt } from "@/engine-runtime/data/bars";
import type { RunSettingsInput } from "@/engine-runtime/execution/settings";
import { createStream, type PlanStream } from "@/engine-runtime/executor/stream";
import type { Plan } from "@/engine-runtime/plan/schema";
import {
  type BalanceAfter,
  type BarRecord,
  clientOrderId,
  type LedgerFill,
  type LedgerOrderEvent,
} from "./ledger";

/** Where a session's bars come from: history for warm-up and catching up, a feed for the rest. */
export interface SessionMarket {
  /** Closed bars with open time in [from, to), oldest first. */
  history(from: number, to: number): Promise<BarColumns>;
  /** Closed bars after `after`, as they close (bars at or before it may arrive and are skipped). */
  subscribe(after: number): LiveFeed;
  /** Bar length in ms: a later bar further away than this means bars were missed. */
  barMs: number;
}

/** What a session run reports about each bar it pushed. */
export interface BarReport {
  record: BarRecord;
  /** False for bars already in the ledger, replayed only to rebuild the stream's state. */
  fresh: boolean;
}

/**
 * Turns a stream's outcomes into ledger records: derives each order's client order id the first
 * time an event names it and each fill's rank within its order. The stream is replayed from the
 * session's first bar after a restart, so this map is rebuilt to the same ids.
 */
export class SessionRecorder {
  readonly stream: PlanStream;
  readonly #ids = new Map<number, string>();
  readonly #fillCount = new Map<number, number>();
  readonly #ranks = new Map<string, number>();

  constructor(
    readonly sessionId: string,
    plan: Plan,
    settings: RunSettingsInput,
  ) {
    this.stream = createStream(plan, settings);
  }

  push(bar: Bar): BarRecord {
    const outcome = this.stream.pushBar(bar);
    const orders: LedgerOrderEvent[] = [];
    for (const event of outcome.events) {
      let id = this.#ids.get(event.orderId);
      let ticket: LedgerOrderEvent["ticket"];
      if (id === undefined) {
        ticket = this.stream.order(event.orderId);
        const rule = ticket?.rule ?? -1;
        const key = `${bar.time}:${rule}`;
        const rank = this.#ranks.get(key) ?? 0;
        this.#ranks.set(key, rank + 1);
        id = clientOrderId(this.sessionId, bar.time, rule, rank);
        this.#ids.set(event.orderId, id);
      }
      orders.push({ clientOrderId: id, event, ticket });
    }
    const fills: LedgerFill[] = outcome.fills.map((fill) => {
      const sequence = this.#fillCount.get(fill.orderId) ?? 0;
      this.#fillCount.set(fill.orderId, sequence + 1);
      return {
        clientOrderId: this.#ids.get(fill.orderId) ?? `${this.sessionId}-unknown-${fill.orderId}`,
        sequence,
        fill,
      };
    });
    // Only the rank of orders placed on this bar matters; older keys are never looked up again.
    if (this.#ranks.size > 64) this.#ranks.clear();
    return { time: bar.time, close: bar.close, orders, fills };
  }
}

export function* barsOf(columns: BarColumns): Generator<Bar> {
  for (let i = 0; i < columns.time.length; i++) yield barAt(columns, i);
}

export type { BalanceAfter };
