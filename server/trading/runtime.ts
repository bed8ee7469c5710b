import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { LiveFeed } from "@/engine-runtime/connectors/core/types";
import { planSchema } from "@/engine-runtime/plan/schema";
import type { Bus } from "@/server/bus/bus";
import type { Database } from "@/server/db/client";
import { USER_EVENTS_TOPIC, type UserEvent } from "@/server/realtime/events";
import {
  type BalanceAfter,
  claimSession,
  claimSessions,
  endSession,
  LeaseLostError,
  loadSession,
  recordBar,
  releaseLease,
  renewLease,
  type SessionRow,
} from "./ledger";
import type { LiveSessions } from "./live/session";
import { barsOf, type SessionMarket, SessionRecorder } from "./session-run";
import { storedSettings } from "./settings";

/** Asks every runtime to look at a session again (started, paused, resumed, stopped). */
export const PAPER_CONTROL_TOPIC = "strata:paper-control";

/** What the owner's browser hears after each recorded bar and each change of state. */
export interface PaperUpdate {
  id: string;
  status: "running" | "paused" | "stopped" | "failed";
  time?: number;
  close?: number;
  balance?: BalanceAfter;
  orders?: { clientOrderId: string; status: string; reason?: string; time: number }[];
  fills?: {
    clientOrderId: string;
    side: string;
    quantity: number;
    price: number;
    commission: number;
    time: number;
  }[];
  error?: string | null;
}

export interface PaperRuntimeOptions {
  db: Database;
  bus: Bus;
  log: Logger;
  /** The market a session reads: its dataset replayed, or a venue's live market (index.ts chooses). */
  market: (session: SessionRow) => Promise<SessionMarket>;
  /** Identifies this runtime in lease rows; unique per process. */
  instanceId?: string;
  leaseMs?: number;
  /** How often to look for sessions nobody runs (a crashed instance's, or new ones elsewhere). */
  scanMs?: number;
  maxSessions?: number;
  /**
   * Sessions to run arrive through the Redis work queue (queue.ts) and `take`: control messages
   * then only reach the runs held here, and the scan stays as the safety net.
   */
  queued?: boolean;
  /** Runs the sessions whose orders go to a broker (live/session.ts); without it they fail with a reason. */
  live?: LiveSessions | null;
}

interface Running {
  id: string;
  ownerId: string;
  feed?: LiveFeed;
  stopped: boolean;
  done: Promise<void>;
}

/**
 * Runs paper sessions in this process. A session runs only under a lease in its row: taken when
 * nobody holds it, renewed while it runs, checked inside every ledger transaction. Each run
 * replays the session from its first bar through the same stream (rebuilding the engine's state
 * without writing what the ledger has), catches up on missed bars, then follows the live feed.
 */
export class PaperRuntime {
  readonly instanceId: string;
  readonly #running = new Map<string, Running>();
  readonly #options: Required<Omit<PaperRuntimeOptions, "instanceId">>;
  #scanTimer: NodeJS.Timeout | undefined;
  #renewTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #closed = false;
  #scanning: Promise<void> = Promise.resolve();

  constructor(options: PaperRuntimeOptions) {
    this.instanceId = options.instanceId ?? `paper-${randomUUID()}`;
    this.#options = {
      leaseMs: 15_000,
      scanMs: 5_000,
      maxSessions: 200,
      queued: false,
      live: null,
      ...options,
    };
  }

  /** Starts running sessions; resolves once the first scan has claimed the ones nobody runs. */
  start(): Promise<void> {
    this.#unsubscribe = this.#options.bus.subscribe(PAPER_CONTROL_TOPIC, (message) => {
      const { id } = message as { id: string };
      const run = this.#running.get(id);
      if (run) void this.#checkStillOurs(run);
      else if (!this.#options.queued) this.scan();
    });
    this.#scanTimer = setInterval(() => this.scan(), this.#options.scanMs);
    this.#renewTimer = setInterval(() => this.#renewAll(), this.#options.leaseMs / 3);
    this.scan();
    return this.#scanning;
  }

  /** Looks for sessions to take now instead of at the next scan. */
  scan(): void {
    if (this.#closed) return;
    this.#scanning = this.#scanning
      .then(() => this.#claim())
      .catch((err) => this.#options.log.warn({ err }, "paper scan failed"));
  }

  /**
   * Runs one session here if nobody holds its lease: how the work queue hands a session over.
   * "running" when it runs here (taken now, or already), "elsewhere" when it is not this runtime's
   * to run (another runtime holds it, or it is paused, stopped or gone), "full" when there is no room.
   */
  async take(id: string): Promise<"running" | "elsewhere" | "full"> {
    if (this.#running.has(id)) return "running";
    if (this.#closed || !this.hasRoom) return "full";
    const { db, leaseMs } = this.#options;
    if (!(await claimSession(db, id, this.instanceId, leaseMs))) return "elsewhere";
    this.#runClaimed(id);
    return "running";
  }

  get hasRoom(): boolean {
    return this.#running.size < this.#options.maxSessions;
  }

  /** Runs the sessions that trade at a broker; null when this runtime cannot. */
  get live(): LiveSessions | null {
    return this.#options.live;
  }

  /** Ids of the sessions this runtime runs now. */
  get sessions(): string[] {
    return [...this.#running.keys()];
  }

  /** Stops every run after its current bar's transaction and hands its lease back, so a restart resumes at once. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#scanTimer);
    clearInterval(this.#renewTimer);
    this.#unsubscribe?.();
    await this.#scanning;
    const runs = [...this.#running.values()];
    for (const run of runs) this.#halt(run);
    await Promise.all(runs.map((run) => run.done));
  }

  async #claim(): Promise<void> {
    const room = this.#options.maxSessions - this.#running.size;
    if (room <= 0 || this.#closed) return;
    const claimed = await claimSessions(this.#options.db, this.instanceId, this.#options.leaseMs, room);
    for (const { id } of claimed) if (!this.#running.has(id)) this.#runClaimed(id);
  }

  #runClaimed(id: string): void {
    this.#options.log.info({ sessionId: id, runtime: this.instanceId }, "Running a paper session.");
    const run: Running = { id, ownerId: "", stopped: false, done: Promise.resolve() };
    this.#running.set(id, run);
    run.done = this.#run(run).finally(() => this.#running.delete(id));
  }

  #halt(run: Running): void {
    run.stopped = true;
    void run.feed?.close();
  }

  async #renewAll(): Promise<void> {
    for (const run of this.#running.values()) void this.#checkStillOurs(run);
  }

  async #checkStillOurs(run: Running): Promise<void> {
    const ours = await renewLease(this.#options.db, run.id, this.instanceId, this.#options.leaseMs).catch(
      () => false,
    );
    if (!ours) this.#halt(run);
  }

  async #run(run: Running): Promise<void> {
    const { db, log } = this.#options;
    let row: SessionRow | null = null;
    try {
      row = await loadSession(db, run.id);
      if (!row) return;
      run.ownerId = row.owner_id;
      if (row.broker !== "simulated") {
        const { live, market } = this.#options;
        if (!live)
          throw new Error(`This session sends orders to ${row.broker}, which this runtime cannot reach.`);
        const session = row;
        await live.run(session, {
          instanceId: this.instanceId,
          run,
          market: () => market(session),
          emit: (update) => this.#emit(run.ownerId, update),
        });
        return;
      }
      const plan = planSchema.parse(row.plan);
      const recorder = new SessionRecorder(row.id, plan, storedSettings(row.settings).run);
      const market = await this.#options.market(row);
      const recorded = row.last_bar_time === null ? -Infinity : Number(row.last_bar_time);
      let last = Number(row.warmup_from) - 1;
      const handle = async (bar: {
        time: number;
        open: number;
        high: number;
        low: number;
        close: number;
        volume: number;
      }) => {
        if (bar.time <= last) return;
        last = bar.time;
        const record = recorder.push(bar);
        if (bar.time <= recorded) return;
        const balance = await recordBar(db, run.id, this.instanceId, record);
        if (balance) await this.#emit(run.ownerId, updateOf(run.id, record, balance));
      };
      // Warm-up and everything the ledger already has, then bars missed while nobody ran the session.
      const caughtUpTo = Math.max(recorded, Number(row.live_from) - 1);
      for (const bar of barsOf(await market.history(Number(row.warmup_from), caughtUpTo + 1))) {
        if (run.stopped) break;
        await handle(bar);
      }
      if (run.stopped) return;
      const feed = market.subscribe(last);
      run.feed = feed;
      if (run.stopped) await feed.close();
      for await (const event of feed) {
        if (run.stopped) break;
        if (event.kind !== "bar") continue;
        if (event.bar.time > last + market.barMs) {
          for (const bar of barsOf(await market.history(last + 1, event.bar.time))) await handle(bar);
        }
        await handle(event.bar);
      }
      if (!run.stopped && feed.status === "down") {
        await endSession(db, run.id, this.instanceId, "stopped", "The market data feed ended.");
        await this.#emit(run.ownerId, {
          id: run.id,
          status: "stopped",
          error: "The market data feed ended.",
        });
      }
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, sessionId: run.id }, "paper session failed");
      await endSession(db, run.id, this.instanceId, "failed", message).catch(() => {});
      if (run.ownerId) await this.#emit(run.ownerId, { id: run.id, status: "failed", error: message });
    } finally {
      await run.feed?.close().catch(() => {});
      await releaseLease(db, run.id, this.instanceId).catch(() => {});
      // A resume may have come while this run was winding down; its lease is free only now.
      queueMicrotask(() => this.scan());
    }
  }

  async #emit(userId: string, update: PaperUpdate): Promise<void> {
    const event: UserEvent = { userId, event: "paper:update", payload: update };
    await this.#options.bus
      .publish(USER_EVENTS_TOPIC, event)
      .catch((err) => this.#options.log.warn({ err }, "could not publish a paper update"));
  }
}

function updateOf(
  id: string,
  record: ReturnType<SessionRecorder["push"]>,
  balance: BalanceAfter,
): PaperUpdate {
  return {
    id,
    status: "running",
    time: record.time,
    close: record.close,
    balance,
    orders: record.orders.map(({ clientOrderId, event }) => ({
      clientOrderId,
      status: event.status,
      reason: event.reason,
      time: event.time,
    })),
    fills: record.fills.map(({ clientOrderId, fill }) => ({
      clientOrderId,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      commission: fill.commission,
      time: fill.time,
    })),
  };
}
