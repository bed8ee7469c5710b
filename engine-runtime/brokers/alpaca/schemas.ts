import { z } from "zod";

/**
 * Alpaca Trading API v2 payloads. Alpaca sends quantities and money as decimal strings; they become
 * numbers here, once, so nothing downstream parses strings.
 */
const decimal = z
  .union([z.string(), z.number()])
  .transform((value) => Number(value))
  .refine((value) => Number.isFinite(value), "expected a decimal number");
const optionalDecimal = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? Number.NaN : Number(value)));

export const alpacaOrderStatus = z.enum([
  "new",
  "partially_filled",
  "filled",
  "done_for_day",
  "canceled",
  "expired",
  "replaced",
  "pending_cancel",
  "pending_replace",
  "pending_new",
  "accepted",
  "accepted_for_bidding",
  "stopped",
  "rejected",
  "suspended",
  "calculated",
  "held",
]);
export type AlpacaOrderStatus = z.infer<typeof alpacaOrderStatus>;

export const alpacaOrder = z.object({
  id: z.string(),
  client_order_id: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  type: z.string(),
  time_in_force: z.string(),
  qty: optionalDecimal,
  filled_qty: decimal,
  filled_avg_price: optionalDecimal,
  limit_price: optionalDecimal,
  stop_price: optionalDecimal,
  status: alpacaOrderStatus,
});
export type AlpacaOrder = z.infer<typeof alpacaOrder>;

export const alpacaPosition = z.object({
  symbol: z.string(),
  qty: decimal,
  side: z.enum(["long", "short"]),
  avg_entry_price: decimal,
});
export type AlpacaPosition = z.infer<typeof alpacaPosition>;

export const alpacaAccount = z.object({
  id: z.string(),
  status: z.string(),
  currency: z.string(),
  cash: decimal,
  buying_power: decimal,
  equity: decimal,
  trading_blocked: z.boolean().optional(),
});
export type AlpacaAccount = z.infer<typeof alpacaAccount>;

/** An error body: `{"code": 40310000, "message": "insufficient buying power"}`. */
export const alpacaError = z.object({ code: z.number().optional(), message: z.string() });

export const alpacaOrderType = z.enum(["market", "limit", "stop", "stop_limit"]);
export type AlpacaOrderType = z.infer<typeof alpacaOrderType>;
export const alpacaTimeInForce = z.enum(["day", "gtc", "ioc", "fok"]);
export type AlpacaTimeInForce = z.infer<typeof alpacaTimeInForce>;

/** What POST /v2/orders takes. */
export const orderRequest = z.object({
  symbol: z.string().min(1),
  qty: z.string(),
  side: z.enum(["buy", "sell"]),
  type: alpacaOrderType,
  time_in_force: alpacaTimeInForce,
  limit_price: z.string().optional(),
  stop_price: z.string().optional(),
  client_order_id: z.string().min(1).max(128),
});
export type OrderRequest = z.infer<typeof orderRequest>;

export const tradeUpdateEvent = z.enum([
  "new",
  "accepted",
  "pending_new",
  "partial_fill",
  "fill",
  "canceled",
  "expired",
  "done_for_day",
  "replaced",
  "rejected",
  "pending_cancel",
  "pending_replace",
  "stopped",
  "calculated",
  "suspended",
  "order_replace_rejected",
  "order_cancel_rejected",
]);

export const tradeUpdate = z.object({
  event: tradeUpdateEvent,
  order: alpacaOrder,
  timestamp: z.string().optional(),
  /** Fills only: the execution's id, its price and size, and the position after it. */
  execution_id: z.string().optional(),
  price: optionalDecimal,
  qty: optionalDecimal,
  position_qty: optionalDecimal,
});
export type TradeUpdate = z.infer<typeof tradeUpdate>;

/** Every message on the account stream: `{"stream": ..., "data": ...}`. */
export const streamMessage = z.discriminatedUnion("stream", [
  z.object({
    stream: z.literal("authorization"),
    data: z.object({ status: z.string(), action: z.string().optional(), message: z.string().optional() }),
  }),
  z.object({ stream: z.literal("listening"), data: z.object({ streams: z.array(z.string()) }) }),
  z.object({ stream: z.literal("trade_updates"), data: tradeUpdate }),
]);
export type StreamMessage = z.infer<typeof streamMessage>;

/** What a client sends on the account stream (the fake server checks them with these). */
export const authAction = z.object({ action: z.literal("auth"), key: z.string(), secret: z.string() });
export const listenAction = z.object({
  action: z.literal("listen"),
  data: z.object({ streams: z.array(z.string()) }),
});
