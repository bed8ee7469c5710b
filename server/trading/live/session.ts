/**
 * Live sessions: a session whose orders go to its owner's Alpaca paper account instead of the
 * simulated broker. The runtime (runtime.ts) holds the lease and hands such a session here.
 *
 * How the strategy's own position follows the broker's fills (the decision, and why):
 *
 * - The strategy decides on its simulated book, bar by bar, exactly as in its backtest and on
 *   paper: the plan's state (open lots, stops, cooldowns, pyramiding) lives in the stream, and a
 *   signal acts when the simulation says it does. A trader expects the strategy that was
 *   backtested to take the same decisions live; and decisions that depend only on the bars make
 *   a restart replay to the very same orders and client order ids, which is what lets
 *   reconciliation find them at Alpaca instead of placing them twice.
 * - The broker is the truth of the ledger: cash, position and fills come only from Alpaca's
 *   trade updates and from reconciliation, never from the simulation. Sizes come from what is
 *   really held: an exit sells the session's own holding and never more than the account holds
 *   at that moment (so a rejected entry can never turn the next exit into a short), and an entry
 *   is sized at the signal bar's close from the session's real equity.
 * - When the two books disagree in direction with nothing in flight (the simulation is flat or on
 *   the other side while Alpaca still holds the session's shares: an entry the simulation refused
 *   but Alpaca filled, a fill that came after the exit was decided), the session closes what it
 *   holds at Alpaca ("realign"). It never opens a position the simulation holds but Alpaca does
 *   not: entering late, at another price, on an old decision, is worse than missing the trade.
 * - Feeding Alpaca's fills back into the simulation instead was rejected: the simulated book would
 *   then depend on fill timing, a replay after a restart could no longer rebuild it from the bars,
 *   and backtest and live would stop being the same strategy.
 *
 * Order of work: reconcile with Alpaca (trade_updates first, then open orders, positions and the
 * account) and record what it corrected, before the first bar is evaluated; then on each closed
 * bar of the live feed evaluate the plan, write the bar's decisions, and only then send them,
 * each under the client order id the stream derives. Bars replayed from history rebuild the
 * stream and send nothing. A submission Alpaca did not answer in time stays "unknown" until a
 * reconciliation settles it: one a few seconds later, and one before the next bar in any case.
 * Stopping cancels the session's open orders at Alpaca and leaves its positions as they are.
 */
import type { Logger } from "pino";
import {
  AlpacaBroker,
  type BrokerFill,
  type LiveOrder,
  type ReconciliationReport,
} from "@/engine-runtime/brokers/alpaca/broker";
import type { AlpacaBrokerConfigInput } from "@/engine-runtime/brokers/alpaca/config";
import type { LiveFeed } from "@/engine-runtime/connectors/core/types";
import type { Bar } from "@/engine-runtime/data/bars";
import { TERMINAL_STATES } from "@/engine-runtime/execution/order-state";
import { type Plan, planSchema } from "@/engine-runtime/plan/schema";
import type { ApiKey } from "@/server/data/credentials";
import type { Database } from "@/server/db/client";
import { type BalanceAfter, endSession, type SessionRow } from "../ledger";
import type { PaperUpdate } from "../runtime";
import { barsOf, type SessionMarket, SessionRecorder } from "../session-run";
import { type PaperSettings, storedSettings } from "../settings";
import {
  journal,
  loadLiveBook,
  recordBrokerFill,
  recordLiveBar,
  recordOrderState,
  statusNow,
  statusOf,
} from "./ledger";
import { alpacaTypeOf, closable, decide, type LiveIntent, STALE, skippedAll, withdrawn } from "./orders";

export type AlpacaSettings = Omit<AlpacaBrokerConfigInput, "keyId" | "secretKey">;

/** The brokers a session can send its orders to; "simulated" fills them here. */
export const SESSION_BROKERS = ["simulated", "alpaca-paper"] as const;

const NO_ALPACA_KEY =
  "This session trades at your Alpaca paper account, and you have no Alpaca API key saved. Add it on the Data page, then resume the session.";

export interface LiveSessionsOptions {
  db: Database;
  log: Logger;
  /** The owner's Alpaca key, decrypted on the server only; null when they have none. */
  keys: (ownerId: string) => Promise<ApiKey | null>;
  /** Alpaca endpoints and timings; the paper account's by default. */
  alpaca?: AlpacaSettings;
  /** A lost submission younger than this is resent at reconciliation; older ones are marked rejected. */
  resubmitWindowMs?: number;
  /** How long after a submission timed out reconciliation looks for it (5 s by default). */
  recheckUnknownMs?: number;
}

/** The runtime's handle on a run: set `stopped` and close the feed to end it. */
export interface LiveRun {
  stopped: boolean;
  feed?: LiveFeed;
}

export interface LiveRunContext {
  /** The runtime holding the session's lease; every ledger write is fenced by it. */
  instanceId: string;
  run: LiveRun;
  /** The session's market, opened only after reconciliation. */
  market: () => Promise<SessionMarket>;
  /** Tells the owner's browser. */
  emit: (update: PaperUpdate) => Promise<void>;
}

/** Runs the sessions of one runtime that trade at Alpaca. */
export class LiveSessions {
  /** Where sessions reach Alpaca; replaceable so tests can point them at a fake Alpaca. */
  alpaca: AlpacaSettings;

  constructor(readonly options: LiveSessionsOptions) {
    this.alpaca = options.alpaca ?? {};
  }

  async run(row: SessionRow, context: LiveRunContext): Promise<void> {
    const key = await this.options.keys(row.owner_id);
    if (!key) throw new Error(NO_ALPACA_KEY);
    const session = new LiveSession(this.options, row, context, { ...this.alpaca, ...key });
    try {
      await session.run();
    } finally {
      session.close();
    }
  }
}

class LiveSession {
  readonly #broker: AlpacaBroker;
  readonly #plan: Plan;
  readonly #settings: PaperSettings;
  readonly #recorder: SessionRecorder;
  #writes: Promise<void> = Promise.resolve();
  #failure: unknown;
  /** The latest bar the session has seen: the ledger's clock for what the broker reports. */
  #clock: number;
  #balance = { cash: 0, position: 0 };
  /** The same, as the ledger wrote it: what the owner's browser is told. */
  #written: BalanceAfter | undefined;
  /** Signed units the simulated book holds. */
  #simulated = 0;
  /** What the ledger last recorded of each order, so repeated reports write nothing. */
  readonly #recorded = new Map<string, string>();
  /** Order changes not written yet; a fill reported with the change takes it into its own transaction. */
  readonly #pending = new Map<string, LiveOrder>();
  #recheck: NodeJS.Timeout | undefined;

  constructor(
    readonly options: LiveSessionsOptions,
    readonly row: SessionRow,
    readonly context: LiveRunContext,
    alpaca: AlpacaBrokerConfigInput,
  ) {
    this.#plan = planSchema.parse(row.plan);
    this.#settings = storedSettings(row.settings);
    this.#recorder = new SessionRecorder(row.id, this.#plan, this.#settings.run);
    this.#clock = Number(row.last_bar_time ?? row.warmup_from);
    this.#broker = new AlpacaBroker(alpaca, {
      onOrder: (order) => this.#orderChanged(order),
      onFill: (order, fill) => this.#filled(order, fill),
      owns: (clientOrderId) => clientOrderId.startsWith(`${row.id}-`),
      resubmitWindowMs: options.resubmitWindowMs,
    });
  }

  close(): void {
    clearTimeout(this.#recheck);
    this.#broker.stop();
  }

  async run(): Promise<void> {
    const { row, context } = this;
    const { db, log } = this.options;
    const book = await loadLiveBook(db, row.id, row.symbol);
    this.#balance = { cash: book.cash, position: book.position };
    for (const order of book.orders) this.#recorded.set(order.clientOrderId, signature(order));
    const report = await this.#broker.start({
      orders: book.orders,
      positions: { [row.symbol]: book.position },
    });
    await this.#flush();
    await journal(
      db,
      row.id,
      "reconciled",
      reconciliationSentence(report, row.symbol, this.#balance.position),
    );
    await this.#journalProblems(this.#broker.problems.splice(0));
    log.info(
      { sessionId: row.id, corrected: report.orders.length },
      "Reconciled a live session with Alpaca.",
    );
    await context.emit({ id: row.id, status: "running" });
    if (!context.run.stopped && (await this.#trade())) {
      const why = "The market data feed ended.";
      await this.#closeOut(why);
      await endSession(db, row.id, context.instanceId, "stopped", why);
      await context.emit({ id: row.id, status: "stopped", error: why });
      return;
    }
    await this.#flush();
    if ((await statusNow(db, row.id)) === "stopped") await this.#closeOut("You stopped the session.");
  }

  /**
   * Rebuilds the stream from history (sending nothing), then trades each bar of the feed until the
   * run is halted. True when the feed ended by itself.
   */
  async #trade(): Promise<boolean> {
    const { row, context } = this;
    const market = await context.market();
    const recorded = row.last_bar_time === null ? Number.NEGATIVE_INFINITY : Number(row.last_bar_time);
    const liveFrom = Number(row.live_from);
    let last = Number(row.warmup_from) - 1;
    const handle = async (bar: Bar, fresh: boolean) => {
      if (bar.time <= last) return;
      last = bar.time;
      if (bar.time <= recorded) this.#replay(bar);
      else await this.#bar(bar, fresh && bar.time >= liveFrom, bar.time >= liveFrom);
    };
    const caughtUpTo = Math.max(recorded, liveFrom - 1);
    for (const bar of barsOf(await market.history(Number(row.warmup_from), caughtUpTo + 1))) {
      if (context.run.stopped) return false;
      await handle(bar, false);
    }
    if (context.run.stopped) return false;
    const feed = market.subscribe(last);
    context.run.feed = feed;
    if (context.run.stopped) await feed.close();
    for await (const event of feed) {
      if (context.run.stopped) break;
      if (event.kind !== "bar") continue;
      if (event.bar.time > last + market.barMs) {
        for (const bar of barsOf(await market.history(last + 1, event.bar.time))) await handle(bar, false);
      }
      await handle(event.bar, !event.backfilled);
    }
    return !context.run.stopped && feed.status === "down";
  }

  /** A bar already in the ledger: only the stream and the simulated position move. */
  #replay(bar: Bar): void {
    const record = this.#recorder.push(bar);
    this.#follow(record);
  }

  /**
   * A bar new to the ledger. `act`: it closed on the live feed, so its decisions go to Alpaca;
   * otherwise they are recorded as skipped (`trading`) or, during warm-up, not at all.
   */
  async #bar(bar: Bar, act: boolean, trading: boolean): Promise<void> {
    const { db } = this.options;
    const { row, context } = this;
    if (act && this.#inFlight().some((order) => order.unknown)) await this.#broker.reconcile();
    await this.#flush();
    const record = this.#recorder.push(bar);
    this.#follow(record);
    this.#clock = bar.time;
    let intents: LiveIntent[] = [];
    let cancels: string[] = [];
    if (act) {
      // Alpaca is asked what the account holds only when an order may be sized from it.
      const decided = record.orders.some((o) => o.ticket);
      const astray =
        this.#balance.position !== 0 && Math.sign(this.#balance.position) !== Math.sign(this.#simulated);
      const account = decided || astray ? await this.#broker.heldAtAlpaca(row.symbol) : 0;
      const holdings = {
        session: this.#balance.position,
        account,
        equity: this.#balance.cash + this.#balance.position * bar.close,
        close: bar.close,
      };
      intents = decide(record, this.#plan.orders, this.#settings.run, holdings);
      cancels = withdrawn(record).filter((id) => {
        const order = this.#broker.orders.get(id);
        return order !== undefined && !TERMINAL_STATES.has(order.state);
      });
      if (intents.length === 0 && cancels.length === 0) intents = this.#realign(bar.time, account);
    } else if (trading) {
      intents = skippedAll(record, STALE);
    }
    const balance = await recordLiveBar(db, row.id, context.instanceId, {
      time: bar.time,
      close: bar.close,
      intents,
      decidedAt: Date.now(),
    });
    if (!balance) return;
    this.#setBalance(balance);
    for (const intent of intents)
      this.#recorded.set(intent.clientOrderId, intent.skipped ? "skipped" : "created||");
    for (const id of cancels) {
      await this.#broker.cancel(id).catch((error) => this.#broker.problems.push(messageOf(error)));
    }
    for (const intent of intents) {
      if (intent.skipped || intent.side === null || intent.quantity === null) continue;
      await this.#broker.submit({
        clientOrderId: intent.clientOrderId,
        symbol: row.symbol,
        side: intent.side,
        quantity: intent.quantity,
        type: alpacaTypeOf(intent.orderType),
        timeInForce: intent.timeInForce,
        ...(intent.limitPrice === null ? {} : { limitPrice: intent.limitPrice }),
        ...(intent.stopPrice === null ? {} : { stopPrice: intent.stopPrice }),
      });
    }
    await this.#flush();
    await this.#journalProblems(this.#broker.problems.splice(0));
    await context.emit({
      id: row.id,
      status: "running",
      time: bar.time,
      close: bar.close,
      balance: this.#written,
      orders: intents.map((intent) => ({
        clientOrderId: intent.clientOrderId,
        status: this.#recorded.get(intent.clientOrderId)?.split("|")[0] ?? "created",
        ...(intent.skipped ? { reason: intent.skipped } : {}),
        time: bar.time,
      })),
    });
  }

  /**
   * The two books disagree in direction and nothing is in flight: close what the session holds at
   * Alpaca (never more than the account holds), so no position outlives the strategy's view of it.
   */
  #realign(time: number, account: number): LiveIntent[] {
    const held = this.#balance.position;
    if (held === 0 || Math.sign(held) === Math.sign(this.#simulated) || this.#inFlight().length > 0)
      return [];
    const quantity = closable(held, account);
    if (quantity === 0) return [];
    return [
      {
        clientOrderId: `${this.row.id}-${time}-realign`,
        rule: -1,
        action: held > 0 ? "exitLong" : "exitShort",
        orderType: "market",
        purpose: "realign",
        limitPrice: null,
        stopPrice: null,
        timeInForce: "day",
        side: held > 0 ? "sell" : "buy",
        quantity,
      },
    ];
  }

  /** Stopping: cancel what is open at Alpaca, then record how each order ended. Positions stay. */
  async #closeOut(why: string): Promise<void> {
    const open = this.#inFlight();
    for (const order of open) {
      await this.#broker.cancel(order.clientOrderId).catch(() => {});
    }
    if (open.length > 0) await this.#broker.reconcile({ resend: false });
    await this.#flush();
    await this.#journalProblems(this.#broker.problems.splice(0));
    const cancelled = open.length === 0 ? "No order was open" : `Cancelled ${open.length} open order(s)`;
    await journal(
      this.options.db,
      this.row.id,
      "note",
      `${why} ${cancelled} at Alpaca; positions at Alpaca stay as they are.`,
    );
  }

  #follow(record: ReturnType<SessionRecorder["push"]>): void {
    for (const { fill } of record.fills)
      this.#simulated += fill.side === "buy" ? fill.quantity : -fill.quantity;
  }

  /** This session's orders at Alpaca that are not finished. */
  #inFlight(): LiveOrder[] {
    return [...this.#broker.orders.values()].filter((order) => !TERMINAL_STATES.has(order.state));
  }

  #orderChanged(order: LiveOrder): void {
    const now = signature(order);
    if (this.#recorded.get(order.clientOrderId) === now) return;
    this.#recorded.set(order.clientOrderId, now);
    if (order.unknown && !this.#recheck) {
      this.#recheck = setTimeout(() => {
        this.#recheck = undefined;
        void this.#broker.reconcile().catch((error) => this.#broker.problems.push(messageOf(error)));
      }, this.options.recheckUnknownMs ?? 5_000);
    }
    const clock = this.#clock;
    this.#pending.set(order.clientOrderId, order);
    this.#enqueue(async () => {
      if (this.#pending.get(order.clientOrderId) !== order) return;
      this.#pending.delete(order.clientOrderId);
      await recordOrderState(this.options.db, this.row.id, this.context.instanceId, order, clock);
      await this.context.emit({
        id: this.row.id,
        status: "running",
        orders: [
          { clientOrderId: order.clientOrderId, status: statusOf(order), reason: order.reason, time: clock },
        ],
      });
    });
  }

  /** The adapter reports a fill right after the order change it caused: one event, one transaction. */
  #filled(order: LiveOrder, fill: BrokerFill): void {
    const clock = this.#clock;
    if (this.#pending.get(order.clientOrderId) === order) this.#pending.delete(order.clientOrderId);
    this.#enqueue(async () => {
      const { db } = this.options;
      const balance = await recordBrokerFill(db, this.row.id, this.context.instanceId, order, fill, clock);
      if (!balance) return;
      this.#setBalance(balance);
      await this.context.emit({
        id: this.row.id,
        status: "running",
        balance,
        orders: [{ clientOrderId: order.clientOrderId, status: statusOf(order), time: clock }],
        fills: [
          {
            clientOrderId: order.clientOrderId,
            side: order.side,
            quantity: fill.quantity,
            price: fill.price,
            commission: 0,
            time: clock,
          },
        ],
      });
    });
  }

  /**
   * Ledger writes for what Alpaca reports, one transaction each, in the order reported. A failed
   * write (the lease lost, the database gone) ends the run: the next run reconciles what it missed.
   */
  #enqueue(work: () => Promise<void>): void {
    this.#writes = this.#writes.then(async () => {
      if (this.#failure) return;
      try {
        await work();
      } catch (error) {
        this.#failure = error;
        this.context.run.stopped = true;
        void this.context.run.feed?.close();
      }
    });
  }

  async #flush(): Promise<void> {
    await this.#writes;
    if (this.#failure) throw this.#failure;
  }

  async #journalProblems(problems: readonly string[]): Promise<void> {
    for (const problem of problems) await journal(this.options.db, this.row.id, "problem", problem);
  }

  #setBalance(balance: BalanceAfter): void {
    this.#written = balance;
    this.#balance = { cash: Number(balance.cash), position: Number(balance.position) };
  }
}

function signature(order: LiveOrder): string {
  return `${statusOf(order)}|${order.reason ?? ""}|${order.brokerId ?? ""}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What reconciliation found, in one sentence a trader can read. */
function reconciliationSentence(report: ReconciliationReport, symbol: string, position: number): string {
  const parts: string[] = [];
  parts.push(
    report.orders.length === 0
      ? "Reconciled with Alpaca before trading: every order agreed"
      : `Reconciled with Alpaca before trading: corrected ${report.orders
          .map((o) => `${o.clientOrderId} (${o.from} → ${o.to}, ${o.filledTo} filled)`)
          .join(", ")}`,
  );
  if (report.resubmitted.length > 0) parts.push(`resent ${report.resubmitted.join(", ")}`);
  if (report.abandoned.length > 0)
    parts.push(`marked ${report.abandoned.join(", ")} rejected (never received)`);
  if (report.adopted.length > 0) parts.push(`found ${report.adopted.join(", ")} open at Alpaca`);
  const held = report.positions.find((p) => p.symbol === symbol)?.broker ?? position;
  return `${parts.join("; ")}. The account holds ${held} ${symbol} (this session's fills: ${position}) and ${report.account.cash} cash.`;
}
