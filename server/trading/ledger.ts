import { randomUUID } from "node:crypto";
import type { Fill, OrderEvent, OrderTicket } from "@/engine-runtime/execution/types";
import type { Database, SqlConnection } from "@/server/db/client";

type Sql = Omit<SqlConnection, "transaction">;

/**
 * The paper ledger in PostgreSQL: every bar's orders, fills, cash, position and equity are written
 * in one transaction, fenced by the session's lease, and every insert is idempotent, so a bar
 * replayed after a crash or a lost lease writes nothing twice.
 */

/** Money and quantities go into NUMERIC(20,8) as decimal strings, never as floats. */
export const money = (value: number): string => value.toFixed(8);

/**
 * The client order id of an order: the session, the bar on whose close it was placed, the rule
 * that placed it, and its rank among that rule's orders on that bar (attached exits share rule -1).
 * The stream is deterministic, so a replay derives the same ids.
 */
export function clientOrderId(sessionId: string, barTime: number, rule: number, rank: number): string {
  return `${sessionId}-${barTime}-${rule < 0 ? "x" : rule}${rank > 0 ? `-${rank}` : ""}`;
}

/** An order event with the client order id the runtime derived for its engine order. */
export interface LedgerOrderEvent {
  clientOrderId: string;
  event: OrderEvent;
  /** Present on the event that creates the order. */
  ticket?: OrderTicket;
}

export interface LedgerFill {
  clientOrderId: string;
  /** The n-th fill of this order (0-based): with the client order id, the fill's identity. */
  sequence: number;
  fill: Fill;
}

export interface BarRecord {
  time: number;
  close: number;
  orders: LedgerOrderEvent[];
  fills: LedgerFill[];
}

/** The session's balance after a bar; null when the bar was already in the ledger. */
export interface BalanceAfter {
  cash: string;
  position: string;
  equity: string;
}

/** Another instance took the session over, or its owner stopped or paused it: stop writing. */
export class LeaseLostError extends Error {
  constructor(sessionId: string) {
    super(`Paper session ${sessionId} is no longer held by this runtime.`);
    this.name = "LeaseLostError";
  }
}

/** A fill would take the paper cash below zero. */
export class OverdraftError extends Error {
  constructor(readonly clientOrderId: string) {
    super(`The fill of order ${clientOrderId} costs more than the session's cash.`);
    this.name = "OverdraftError";
  }
}

/**
 * Writes one bar's outcome: orders, fills, balance and the equity point, in one transaction.
 * A bar at or before the session's last recorded bar is skipped (returns null).
 */
export function recordBar(
  db: Database,
  sessionId: string,
  leaseOwner: string,
  bar: BarRecord,
): Promise<BalanceAfter | null> {
  return db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      const [session] = await tx.query<{ last_bar_time: string | null }>(
        `SELECT last_bar_time FROM paper_sessions
          WHERE id = $1 AND lease_owner = $2 AND status = 'running' FOR UPDATE`,
        [sessionId, leaseOwner],
      );
      if (!session) throw new LeaseLostError(sessionId);
      if (session.last_bar_time !== null && Number(session.last_bar_time) >= bar.time) return null;
      for (const { clientOrderId: id, event, ticket } of bar.orders) {
        if (ticket) {
          await tx.query(
            `INSERT INTO paper_orders (id, session_id, client_order_id, rule, action, order_type, purpose,
                limit_price, stop_price, status, reason, placed_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
             ON CONFLICT (client_order_id) DO NOTHING`,
            [
              randomUUID(),
              sessionId,
              id,
              ticket.rule,
              ticket.action,
              ticket.orderType,
              ticket.purpose,
              ticket.limitPrice === null ? null : money(ticket.limitPrice),
              ticket.stopPrice === null ? null : money(ticket.stopPrice),
              event.status,
              event.reason ?? null,
              event.time,
            ],
          );
        } else {
          await tx.query(
            `UPDATE paper_orders SET status = $2, reason = $3, updated_at = $4
              WHERE client_order_id = $1 AND updated_at <= $4`,
            [id, event.status, event.reason ?? null, event.time],
          );
        }
      }
      for (const fill of bar.fills) await applyFill(tx, sessionId, fill);
      return markToMarket(tx, sessionId, bar);
    }),
  );
}

/**
 * Records a fill once and moves the cash and position by it. The balance moves only if the fill
 * row was new, and only while the cash stays at or above zero: the UPDATE's condition is evaluated
 * on the row it locks, so concurrent fills against one balance can never overdraw it together.
 */
export async function applyFill(
  tx: Sql,
  sessionId: string,
  { clientOrderId: id, sequence, fill }: LedgerFill,
) {
  const inserted = await tx.query(
    `INSERT INTO paper_fills (id, session_id, fill_key, client_order_id, side, quantity, price, commission, purpose, time)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (fill_key) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      sessionId,
      `${id}:${sequence}`,
      id,
      fill.side,
      money(fill.quantity),
      money(fill.price),
      money(fill.commission),
      fill.purpose,
      fill.time,
    ],
  );
  if (inserted.length === 0) return false;
  const sign = fill.side === "buy" ? 1 : -1;
  const moved = await tx.query(
    `UPDATE paper_sessions
        SET cash = cash - $2::numeric * $3::numeric * $4::numeric - $5::numeric,
            position = position + $2::numeric * $3::numeric
      WHERE id = $1 AND cash - $2::numeric * $3::numeric * $4::numeric - $5::numeric >= 0
      RETURNING id`,
    [sessionId, String(sign), money(fill.quantity), money(fill.price), money(fill.commission)],
  );
  if (moved.length === 0) throw new OverdraftError(id);
  return true;
}

/** Records one fill in a transaction of its own (a fill reported by a broker rather than a bar). */
export function recordFill(db: Database, sessionId: string, fill: LedgerFill): Promise<boolean> {
  return db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      await tx.query(`SELECT id FROM paper_sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
      return applyFill(tx, sessionId, fill);
    }),
  );
}

const leaseUntil = "now() + make_interval(secs => $3::double precision / 1000)";

/**
 * Takes running sessions nobody holds (never held, released, or whose holder stopped renewing):
 * SKIP LOCKED lets several runtimes claim at once without waiting on, or taking, the same rows.
 */
export async function claimSessions(db: Database, owner: string, ttlMs: number, limit: number) {
  return db.withConnection((conn) =>
    conn.query<{ id: string }>(
      `UPDATE paper_sessions SET lease_owner = $1, lease_expires_at = ${leaseUntil}
        WHERE id IN (
          SELECT id FROM paper_sessions
           WHERE status = 'running' AND (lease_owner IS NULL OR lease_expires_at < now())
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [owner, limit, ttlMs],
    ),
  );
}

/**
 * Takes one session if it is running and nobody holds it (the work queue names it); false when
 * another runtime holds it or it is paused, stopped or gone.
 */
export async function claimSession(db: Database, id: string, owner: string, ttlMs: number): Promise<boolean> {
  const rows = await db.withConnection((conn) =>
    conn.query(
      `UPDATE paper_sessions SET lease_owner = $1, lease_expires_at = ${leaseUntil}
        WHERE id = $2 AND status = 'running' AND (lease_owner IS NULL OR lease_expires_at < now())
        RETURNING id`,
      [owner, id, ttlMs],
    ),
  );
  return rows.length > 0;
}

/** Extends the lease; false when the session is no longer this runtime's to run. */
export async function renewLease(db: Database, id: string, owner: string, ttlMs: number): Promise<boolean> {
  const rows = await db.withConnection((conn) =>
    conn.query(
      `UPDATE paper_sessions SET lease_expires_at = ${leaseUntil}
        WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING id`,
      [id, owner, ttlMs],
    ),
  );
  return rows.length > 0;
}

export async function releaseLease(db: Database, id: string, owner: string): Promise<void> {
  await db.withConnection((conn) =>
    conn.query(
      `UPDATE paper_sessions SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2`,
      [id, owner],
    ),
  );
}

/** Ends a session for a reason the runtime found (data ran out, the plan failed). */
export async function endSession(
  db: Database,
  id: string,
  owner: string,
  status: "stopped" | "failed",
  error: string | null,
): Promise<void> {
  await db.withConnection((conn) =>
    conn.query(
      `UPDATE paper_sessions SET status = $3::paper_session_status, error = $4, stopped_at = now(),
              lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
        WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
      [id, owner, status, error],
    ),
  );
}

export interface SessionRow {
  id: string;
  owner_id: string;
  status: "running" | "paused" | "stopped" | "failed";
  /** "simulated", or the broker its orders go to ("alpaca-paper"). */
  broker: string;
  /** "replay" (the dataset, replayed), or the venue whose live market it reads ("binance", "alpaca"). */
  market: string;
  dataset: string;
  symbol: string;
  timeframe: string;
  settings: unknown;
  warmup_from: string;
  live_from: string;
  last_bar_time: string | null;
  plan: unknown;
}

/** A session with the plan of its strategy version, as the runtime needs it. */
export async function loadSession(db: Database, id: string): Promise<SessionRow | null> {
  const [row] = await db.withConnection((conn) =>
    conn.query<SessionRow>(
      `SELECT s.id, s.owner_id, s.status, s.broker, s.market, s.dataset, s.symbol, s.timeframe, s.settings,
              s.warmup_from::text AS warmup_from, s.live_from::text AS live_from,
              s.last_bar_time::text AS last_bar_time, v.plan
         FROM paper_sessions s JOIN strategy_versions v ON v.id = s.strategy_version_id
        WHERE s.id = $1`,
      [id],
    ),
  );
  return row ?? null;
}

/** Values the session at the bar's close: its last bar, price and equity, and a point of its equity curve. */
export async function markToMarket(
  tx: Sql,
  sessionId: string,
  bar: { time: number; close: number },
): Promise<BalanceAfter> {
  const [balance] = await tx.query<BalanceAfter>(
    `UPDATE paper_sessions
        SET last_bar_time = $2, last_price = $3, equity = cash + position * $4::numeric, updated_at = now()
      WHERE id = $1
      RETURNING cash::text AS cash, position::text AS position, equity::text AS equity`,
    [sessionId, bar.time, bar.close, money(bar.close)],
  );
  await tx.query(
    `INSERT INTO paper_equity (session_id, time, equity, close) VALUES ($1, $2, $3::numeric, $4::numeric)
     ON CONFLICT (session_id, time) DO NOTHING`,
    [sessionId, bar.time, balance!.equity, money(bar.close)],
  );
  return balance!;
}
