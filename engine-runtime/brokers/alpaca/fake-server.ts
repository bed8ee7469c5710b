import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebSocket } from "ws";
import { FakeVenue } from "@/engine-runtime/connectors/core/testing/fake-venue";
import { type AlpacaOrderStatus, authAction, listenAction, orderRequest } from "./schemas";

/**
 * A fake Alpaca paper account on 127.0.0.1: the Trading API v2 routes the adapter uses and the
 * trade_updates stream (on the shared FakeVenue, so drops and refusals come from there). REST runs
 * on its own server because orders need request bodies and answers that come late or never.
 * Test infrastructure: never imported by app code.
 */
export interface FakeOrder {
  id: string;
  client_order_id: string;
  symbol: string;
  side: "buy" | "sell";
  type: string;
  time_in_force: string;
  qty: number;
  filled_qty: number;
  filled_avg_price: number | null;
  limit_price: number | null;
  stop_price: number | null;
  status: AlpacaOrderStatus;
}

export interface FakeAlpacaKnobs {
  /** Submissions are answered this late (the order exists at once): a client timeout meets a real order. */
  submitDelayMs: number;
  /** The next N submissions vanish: no order, no answer. */
  loseSubmits: number;
  /** Every fill event is sent twice, as a replayed stream would. */
  duplicateFills: boolean;
  /** The next submission is refused with this reason (HTTP 403, as for buying power). */
  rejectReason: string | undefined;
}

export const FAKE_KEY = { keyId: "PKTEST", secretKey: "secret" };
const OPEN: ReadonlySet<AlpacaOrderStatus> = new Set(["new", "accepted", "partially_filled", "pending_new"]);

export class FakeAlpaca {
  readonly knobs: FakeAlpacaKnobs = {
    submitDelayMs: 0,
    loseSubmits: 0,
    duplicateFills: false,
    rejectReason: undefined,
  };
  readonly orders = new Map<string, FakeOrder>();
  readonly positions = new Map<string, { qty: number; avg: number }>();
  readonly submissions: string[] = [];
  /** Every authorized REST call as "METHOD /path", in arrival order: what the client asked, and when. */
  readonly requests: string[] = [];
  cash = 100_000;
  readonly stream = new FakeVenue();
  #rest: Server;
  #listening = new WeakSet<WebSocket>();
  #execution = 0;

  constructor() {
    this.#rest = createServer((request, response) => void this.#answer(request, response));
    this.stream.onMessage((socket, text) => this.#streamMessage(socket, text));
  }

  async start(): Promise<this> {
    await this.stream.start();
    await new Promise<void>((resolve) => this.#rest.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get config() {
    return {
      ...FAKE_KEY,
      tradingUrl: `http://127.0.0.1:${(this.#rest.address() as AddressInfo).port}`,
      streamUrl: `${this.stream.wsUrl}/stream`,
    };
  }

  byClientId(clientOrderId: string): FakeOrder {
    const order = [...this.orders.values()].find((o) => o.client_order_id === clientOrderId);
    if (!order) throw new Error(`The fake has no order ${clientOrderId}.`);
    return order;
  }

  /** Fills part or all of an order at `price`, and streams it unless `silently`. */
  fill(clientOrderId: string, quantity: number, price: number, silently = false): void {
    const order = this.byClientId(clientOrderId);
    const filled = order.filled_qty + quantity;
    order.filled_avg_price = ((order.filled_avg_price ?? 0) * order.filled_qty + price * quantity) / filled;
    order.filled_qty = filled;
    order.status = filled >= order.qty ? "filled" : "partially_filled";
    const signed = order.side === "buy" ? quantity : -quantity;
    const position = this.positions.get(order.symbol) ?? { qty: 0, avg: price };
    position.qty += signed;
    this.cash -= signed * price;
    if (position.qty === 0) this.positions.delete(order.symbol);
    else this.positions.set(order.symbol, position);
    if (silently) return;
    const update = {
      event: order.status === "filled" ? "fill" : "partial_fill",
      execution_id: `exec-${++this.#execution}`,
      price: String(price),
      qty: String(quantity),
      position_qty: String(position.qty),
      timestamp: new Date().toISOString(),
      order: wire(order),
    };
    this.#emit(update);
    if (this.knobs.duplicateFills) this.#emit(update);
  }

  reject(clientOrderId: string): void {
    const order = this.byClientId(clientOrderId);
    order.status = "rejected";
    this.#emit({ event: "rejected", timestamp: new Date().toISOString(), order: wire(order) });
  }

  /** Cuts the account stream without a close frame. */
  dropStream(): void {
    this.stream.dropAll();
  }

  listeners(): number {
    return [...this.stream.sockets.keys()].filter((s) => this.#listening.has(s)).length;
  }

  async close(): Promise<void> {
    this.#rest.closeAllConnections();
    await new Promise<void>((resolve) => this.#rest.close(() => resolve()));
    await this.stream.close();
  }

  #emit(data: unknown): void {
    const bytes = Buffer.from(JSON.stringify({ stream: "trade_updates", data }));
    // Alpaca's paper account stream sends binary frames.
    for (const socket of this.stream.sockets.keys()) {
      if (this.#listening.has(socket) && socket.readyState === socket.OPEN) socket.send(bytes);
    }
  }

  #streamMessage(socket: WebSocket, text: string): void {
    const json = JSON.parse(text);
    const auth = authAction.safeParse(json);
    if (auth.success) {
      const ok = auth.data.key === FAKE_KEY.keyId && auth.data.secret === FAKE_KEY.secretKey;
      socket.send(
        JSON.stringify({
          stream: "authorization",
          data: { status: ok ? "authorized" : "unauthorized", action: "authenticate" },
        }),
      );
      return;
    }
    const listen = listenAction.safeParse(json);
    if (listen.success) {
      const streams = listen.data.data.streams.filter((s) => s === "trade_updates");
      if (streams.length > 0) this.#listening.add(socket);
      socket.send(JSON.stringify({ stream: "listening", data: { streams } }));
    }
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, body?: unknown): undefined => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(body === undefined ? "" : JSON.stringify(body));
    };
    if (
      request.headers["apca-api-key-id"] !== FAKE_KEY.keyId ||
      request.headers["apca-api-secret-key"] !== FAKE_KEY.secretKey
    ) {
      return send(401, { code: 40110000, message: "request is not authorized" });
    }
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const method = request.method ?? "GET";
    this.requests.push(`${method} ${url.pathname}`);
    if (method === "POST" && url.pathname === "/v2/orders") return this.#submit(chunks, send);
    if (method === "GET" && url.pathname === "/v2/orders") {
      return send(200, [...this.orders.values()].filter((o) => OPEN.has(o.status)).map(wire));
    }
    if (method === "GET" && url.pathname === "/v2/orders:by_client_order_id") {
      const id = url.searchParams.get("client_order_id") ?? "";
      const order = [...this.orders.values()].find((o) => o.client_order_id === id);
      return order ? send(200, wire(order)) : send(404, { code: 40410000, message: "order not found" });
    }
    const cancel = /^\/v2\/orders\/([^/]+)$/.exec(url.pathname);
    if (method === "DELETE" && cancel) {
      const order = this.orders.get(decodeURIComponent(cancel[1]));
      if (!order) return send(404, { code: 40410000, message: "order not found" });
      if (!OPEN.has(order.status)) return send(422, { code: 42210000, message: "order is not cancelable" });
      order.status = "canceled";
      send(204);
      this.#emit({ event: "canceled", timestamp: new Date().toISOString(), order: wire(order) });
      return;
    }
    if (method === "GET" && url.pathname === "/v2/positions") {
      return send(
        200,
        [...this.positions].map(([symbol, p]) => ({
          symbol,
          qty: String(p.qty),
          side: p.qty < 0 ? "short" : "long",
          avg_entry_price: String(p.avg),
        })),
      );
    }
    if (method === "GET" && url.pathname === "/v2/account") {
      const cash = this.cash.toFixed(2);
      return send(200, {
        id: "fake-account",
        status: "ACTIVE",
        currency: "USD",
        cash,
        buying_power: cash,
        equity: cash,
        trading_blocked: false,
      });
    }
    send(404, { code: 40410000, message: `no route ${method} ${url.pathname}` });
  }

  #submit(chunks: Buffer[], send: (status: number, body?: unknown) => undefined): undefined {
    const parsed = orderRequest.safeParse(JSON.parse(Buffer.concat(chunks).toString() || "null"));
    if (!parsed.success) return send(422, { code: 40010000, message: "invalid order request" });
    const body = parsed.data;
    this.submissions.push(body.client_order_id);
    if (this.knobs.loseSubmits > 0) {
      this.knobs.loseSubmits--;
      return;
    }
    if ([...this.orders.values()].some((o) => o.client_order_id === body.client_order_id)) {
      return send(422, { code: 40010001, message: "client_order_id must be unique" });
    }
    if (this.knobs.rejectReason) {
      const message = this.knobs.rejectReason;
      this.knobs.rejectReason = undefined;
      return send(403, { code: 40310000, message });
    }
    const order: FakeOrder = {
      id: randomUUID(),
      client_order_id: body.client_order_id,
      symbol: body.symbol,
      side: body.side,
      type: body.type,
      time_in_force: body.time_in_force,
      qty: Number(body.qty),
      filled_qty: 0,
      filled_avg_price: null,
      limit_price: body.limit_price === undefined ? null : Number(body.limit_price),
      stop_price: body.stop_price === undefined ? null : Number(body.stop_price),
      status: "new",
    };
    this.orders.set(order.id, order);
    const answer = () => {
      send(200, wire(order));
      this.#emit({ event: "new", timestamp: new Date().toISOString(), order: wire(order) });
    };
    if (this.knobs.submitDelayMs > 0) setTimeout(answer, this.knobs.submitDelayMs);
    else answer();
  }
}

/** An order as Alpaca writes it: decimals as strings. */
function wire(order: FakeOrder) {
  return {
    ...order,
    qty: String(order.qty),
    filled_qty: String(order.filled_qty),
    filled_avg_price: order.filled_avg_price === null ? null : String(order.filled_avg_price),
    limit_price: order.limit_price === null ? null : String(order.limit_price),
    stop_price: order.stop_price === null ? null : String(order.stop_price),
  };
}
