import { randomUUID } from "node:crypto";
import type { BrokerFill, LiveOrder } from "@/engine-runtime/brokers/alpaca/broker";
import type { OrderState } from "@/engine-runtime/execution/order-state";
import type { Database, SqlConnection } from "@/server/db/client";
import { type BalanceAfter, LeaseLostError, markToMarket, money } from "../ledger";
import { alpacaTypeOf, type LiveIntent } from "./orders";

type Sql = Omit<SqlConnection, "transaction">;

/**
 * The ledger of a session trading at a broker, in the paper tables: each bar's decisions, each
 * change of an order the broker reports, and each fill are written in a transaction of their own,
 * fenced by the session's lease. Unlike the paper ledger, a fill is never refused for want of
 * cash: it happened at the broker, so the ledger records it.
 */

/** Order states as the ledger spells them (the paper ledger's words where they exist). */
const STATUS_OF_STATE: Record<OrderState, string> = {
  new: "created",
  accepted: "accepted",
  partiallyFilled: "partiallyFilled",
  filled: "filled",
  canceled: "cancelled",
  rejected: "rejected",
  expired: "expired",
};
const STATE_OF_STATUS = new Map<string, OrderState>(
  Object.entries(STATUS_OF_STATE).map(([state, status]) => [status, state as OrderState]),
);

/** Sent and not finished: what reconciliation has to look up at the broker. */
export const OPEN_STATUSES = ["created", "unknown", "accepted", "partiallyFilled"];

/** A submission with no answer yet is "unknown" until the broker's account of it settles it. */
export function statusOf(order: LiveOrder): string {
  return order.state === "new" && order.unknown ? "unknown" : STATUS_OF_STATE[order.state];
}

/**
 * Locks the session row while this runtime holds it. Bars need it running; what the broker
 * reports may also land after its owner stopped it, while the run winds down.
 */
async function hold(tx: Sql, sessionId: string, owner: string, statuses: readonly string[]) {
  const [row] = await tx.query<{ last_bar_time: string | null }>(
    `SELECT last_bar_time::text AS last_bar_time FROM paper_sessions
      WHERE id = $1 AND lease_owner = $2 AND status::text = ANY($3::text[]) FOR UPDATE`,
    [sessionId, owner, statuses],
  );
  if (!row) throw new LeaseLostError(sessionId);
  return row;
}

const BAR_STATUSES = ["running"];
const BROKER_STATUSES = ["running", "stopped"];

/**
 * One bar: its decisions (to be sent, or skipped with the reason), the close and the equity point.
 * Written before any order goes out, so a crash after it leaves orders reconciliation can find.
 * Null when the bar is already in the ledger.
 */
export function recordLiveBar(
  db: Database,
  sessionId: string,
  owner: string,
  bar: { time: number; close: number; intents: readonly LiveIntent[]; decidedAt: number },
): Promise<BalanceAfter | null> {
  return db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      const session = await hold(tx, sessionId, owner, BAR_STATUSES);
      if (session.last_bar_time !== null && Number(session.last_bar_time) >= bar.time) return null;
      for (const intent of bar.intents) {
        await tx.query(
          `INSERT INTO paper_orders (id, session_id, client_order_id, rule, action, order_type, purpose,
              limit_price, stop_price, status, reason, placed_at, updated_at, side, quantity, time_in_force,
              submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16)
           ON CONFLICT (client_order_id) DO NOTHING`,
          [
            randomUUID(),
            sessionId,
            intent.clientOrderId,
            intent.rule,
            intent.action,
            intent.orderType,
            intent.purpose,
            intent.limitPrice === null ? null : money(intent.limitPrice),
            intent.stopPrice === null ? null : money(intent.stopPrice),
            intent.skipped ? "skipped" : "created",
            intent.skipped ?? null,
            bar.time,
            intent.side,
            intent.quantity === null ? null : money(intent.quantity),
            intent.timeInForce,
            intent.skipped ? null : bar.decidedAt,
          ],
        );
      }
      return markToMarket(tx, sessionId, bar);
    }),
  );
}

/** An order's state as the broker reports it, in a transaction of its own. */
export function recordOrderState(
  db: Database,
  sessionId: string,
  owner: string,
  order: LiveOrder,
  clock: number,
): Promise<void> {
  return db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      await hold(tx, sessionId, owner, BROKER_STATUSES);
      await saveOrder(tx, sessionId, order, clock);
    }),
  );
}

/**
 * Writes an order's state. An order of this session the ledger does not know (found open at the
 * broker by reconciliation) is added, so its fills have an order to belong to.
 */
async function saveOrder(tx: Sql, sessionId: string, order: LiveOrder, clock: number): Promise<void> {
  const status = statusOf(order);
  const updated = await tx.query(
    `UPDATE paper_orders SET status = $3, reason = $4, broker_order_id = COALESCE($5, broker_order_id),
                updated_at = GREATEST(updated_at, $6)
          WHERE client_order_id = $1 AND session_id = $2 RETURNING id`,
    [order.clientOrderId, sessionId, status, order.reason ?? null, order.brokerId ?? null, clock],
  );
  if (updated.length > 0) return;
  await tx.query(
    `INSERT INTO paper_orders (id, session_id, client_order_id, rule, action, order_type, purpose,
            limit_price, stop_price, status, reason, placed_at, updated_at, side, quantity, time_in_force,
            broker_order_id, submitted_at)
         VALUES ($1, $2, $3, -1, $4, $5, 'adopted', $6, $7, $8, $9, $10, $10, $4, $11, $12, $13, $14)
         ON CONFLICT (client_order_id) DO NOTHING`,
    [
      randomUUID(),
      sessionId,
      order.clientOrderId,
      order.side,
      order.type,
      order.limitPrice === undefined ? null : money(order.limitPrice),
      order.stopPrice === undefined ? null : money(order.stopPrice),
      status,
      order.reason ?? null,
      clock,
      money(order.quantity),
      order.timeInForce,
      order.brokerId ?? null,
      order.submittedAt,
    ],
  );
}

/**
 * One execution and the order state it left, in one transaction: the fill is recorded once under
 * `<client order id>:<execution id>`, and moves the session's cash and position only when the row
 * is new. Null when the ledger already had it.
 */
export function recordBrokerFill(
  db: Database,
  sessionId: string,
  owner: string,
  order: LiveOrder,
  fill: BrokerFill,
  clock: number,
): Promise<BalanceAfter | null> {
  return db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      await hold(tx, sessionId, owner, BROKER_STATUSES);
      await saveOrder(tx, sessionId, order, clock);
      const [placed] = await tx.query<{ purpose: string }>(
        `SELECT purpose FROM paper_orders WHERE client_order_id = $1 AND session_id = $2`,
        [order.clientOrderId, sessionId],
      );
      const inserted = await tx.query(
        `INSERT INTO paper_fills (id, session_id, fill_key, client_order_id, side, quantity, price, commission, purpose, time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)
         ON CONFLICT (fill_key) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          sessionId,
          `${order.clientOrderId}:${fill.fillId}`,
          order.clientOrderId,
          order.side,
          money(fill.quantity),
          money(fill.price),
          placed?.purpose ?? "adopted",
          clock,
        ],
      );
      if (inserted.length === 0) return null;
      const signed = money(order.side === "buy" ? fill.quantity : -fill.quantity);
      const [balance] = await tx.query<BalanceAfter>(
        `UPDATE paper_sessions
            SET cash = cash - $2::numeric * $3::numeric,
                position = position + $2::numeric,
                equity = cash - $2::numeric * $3::numeric
                       + (position + $2::numeric) * COALESCE(last_price::numeric, $3::numeric),
                updated_at = now()
          WHERE id = $1
          RETURNING cash::text AS cash, position::text AS position, equity::text AS equity`,
        [sessionId, signed, money(fill.price)],
      );
      return balance!;
    }),
  );
}

/** A sentence for the session's journal: what reconciliation found, a contradiction, an action taken. */
export async function journal(
  db: Database,
  sessionId: string,
  kind: "reconciled" | "problem" | "note",
  message: string,
): Promise<void> {
  await db.withConnection((conn) =>
    conn.query(`INSERT INTO paper_journal (id, session_id, kind, message) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      sessionId,
      kind,
      message,
    ]),
  );
}

export interface LiveBook {
  /** Orders sent and not finished, as the broker adapter tracks them. */
  orders: LiveOrder[];
  cash: number;
  position: number;
}

/** What the ledger knows of a session at the broker: its unfinished orders with their fills, and its balance. */
export async function loadLiveBook(db: Database, sessionId: string, symbol: string): Promise<LiveBook> {
  return db.withConnection(async (conn) => {
    const [balance] = await conn.query<{ cash: string; position: string }>(
      `SELECT cash::text AS cash, position::text AS position FROM paper_sessions WHERE id = $1`,
      [sessionId],
    );
    const rows = await conn.query<{
      client_order_id: string;
      status: string;
      reason: string | null;
      side: "buy" | "sell";
      quantity: string;
      order_type: string;
      time_in_force: "day" | "gtc";
      limit_price: string | null;
      stop_price: string | null;
      broker_order_id: string | null;
      submitted_at: string | null;
    }>(
      `SELECT client_order_id, status, reason, side, quantity::text AS quantity, order_type, time_in_force,
              limit_price::text AS limit_price, stop_price::text AS stop_price, broker_order_id,
              submitted_at::text AS submitted_at
         FROM paper_orders
        WHERE session_id = $1 AND status = ANY($2::text[]) AND side IS NOT NULL
        ORDER BY placed_at, client_order_id`,
      [sessionId, OPEN_STATUSES],
    );
    const fills = await conn.query<{
      client_order_id: string;
      fill_key: string;
      quantity: string;
      price: string;
    }>(
      `SELECT client_order_id, fill_key, quantity::text AS quantity, price::text AS price
         FROM paper_fills WHERE client_order_id = ANY($1::text[]) ORDER BY time, fill_key`,
      [rows.map((r) => r.client_order_id)],
    );
    const orders = rows.map((row): LiveOrder => {
      const own = fills.filter((f) => f.client_order_id === row.client_order_id);
      const filled = own.reduce((sum, f) => sum + Number(f.quantity), 0);
      const value = own.reduce((sum, f) => sum + Number(f.quantity) * Number(f.price), 0);
      return {
        clientOrderId: row.client_order_id,
        quantity: Number(row.quantity),
        state: STATE_OF_STATUS.get(row.status) ?? "new",
        filledQuantity: filled,
        averagePrice: filled > 0 ? value / filled : Number.NaN,
        unknown: row.status === "unknown",
        fillIds: own.map((f) => f.fill_key.slice(row.client_order_id.length + 1)),
        ...(row.reason === null ? {} : { reason: row.reason }),
        symbol,
        side: row.side,
        type: alpacaTypeOf(row.order_type as LiveIntent["orderType"]),
        timeInForce: row.time_in_force,
        ...(row.limit_price === null ? {} : { limitPrice: Number(row.limit_price) }),
        ...(row.stop_price === null ? {} : { stopPrice: Number(row.stop_price) }),
        ...(row.broker_order_id === null ? {} : { brokerId: row.broker_order_id }),
        submittedAt: Number(row.submitted_at ?? 0),
      };
    });
    return { orders, cash: Number(balance?.cash ?? 0), position: Number(balance?.position ?? 0) };
  });
}

/** The session's status now, read without the lease: why a run that was told to stop stopped. */
export async function statusNow(db: Database, sessionId: string): Promise<string | null> {
  const [row] = await db.withConnection((conn) =>
    conn.query<{ status: string }>(`SELECT status::text AS status FROM paper_sessions WHERE id = $1`, [
      sessionId,
    ]),
  );
  return row?.status ?? null;
}
