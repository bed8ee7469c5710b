import { readFileSync } from "node:fs";
import type { WebSocket } from "ws";
import type { Bar } from "@/engine-runtime/data/bars";
import { FakeVenue, type FakeVenueOptions } from "../core/testing/fake-venue";
import type { AlpacaBar } from "./schemas/bars";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

export const recordedStockBars: AlpacaBar[] = fixture("stock-bars-AAPL-1Min.json").bars;
export const recordedCryptoBars: AlpacaBar[] = fixture("crypto-bars-BTCUSD-1Min.json").bars["BTC/USD"];

export interface FakeAlpacaOptions extends FakeVenueOptions {
  keyId: string;
  secretKey: string;
}

interface Subscriptions {
  authenticated: boolean;
  bars: Set<string>;
  trades: Set<string>;
}

/**
 * Alpaca market data on 127.0.0.1: REST bars for stocks and crypto with key headers and
 * next_page_token paging; the stream's connected → auth → subscribe conversation on /v2/{feed}
 * and /v1beta3/crypto/us, one connection per key (a second gets error 406, as Alpaca does).
 */
export class FakeAlpaca extends FakeVenue {
  readonly subscriptions = new Map<WebSocket, Subscriptions>();
  #stocks = new Map<string, AlpacaBar[]>([["AAPL:1Min", recordedStockBars]]);
  #crypto = new Map<string, AlpacaBar[]>([["BTC/USD:1Min", recordedCryptoBars]]);
  readonly #options: FakeAlpacaOptions;

  constructor(options: FakeAlpacaOptions) {
    super(options);
    this.#options = options;
    this.route("/v2/stocks/AAPL/bars", (query, request) => {
      if (!this.#authorised(request.headers)) return { status: 401, body: { message: "unauthorized." } };
      const page = this.#page(this.#stocks.get(`AAPL:${query.get("timeframe")}`) ?? [], query);
      return {
        status: 200,
        body: { bars: page.bars.length > 0 ? page.bars : null, symbol: "AAPL", next_page_token: page.next },
      };
    });
    this.route("/v1beta3/crypto/us/bars", (query) => {
      const symbol = query.get("symbols") ?? "";
      const page = this.#page(this.#crypto.get(`${symbol}:${query.get("timeframe")}`) ?? [], query);
      return {
        status: 200,
        body: { bars: page.bars.length > 0 ? { [symbol]: page.bars } : {}, next_page_token: page.next },
      };
    });
    this.onConnection((socket) => {
      const authenticatedElsewhere = [...this.subscriptions.entries()].some(
        ([other, s]) => other !== socket && other.readyState === other.OPEN && s.authenticated,
      );
      socket.send(JSON.stringify([{ T: "success", msg: "connected" }]));
      this.subscriptions.set(socket, { authenticated: false, bars: new Set(), trades: new Set() });
      socket.on("close", () => this.subscriptions.delete(socket));
      if (authenticatedElsewhere) {
        socket.send(JSON.stringify([{ T: "error", code: 406, msg: "connection limit exceeded" }]));
        socket.close();
      }
    });
    this.onMessage((socket, text) => this.#converse(socket, text));
  }

  setStockBars(symbol: string, timeframe: string, bars: AlpacaBar[]): void {
    this.#stocks.set(`${symbol}:${timeframe}`, bars);
  }

  /** Alpaca's 429 carries X-RateLimit-* headers; the reset is in epoch seconds. */
  limitNext(count: number, resetInSeconds: number): void {
    this.rateLimitNext(count, {
      status: 429,
      body: { message: "too many requests." },
      headers: {
        "x-ratelimit-limit": "200",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000 + resetInSeconds)),
      },
    });
  }

  /** A minute bar to every connection subscribed to the symbol's bars. */
  pushBar(symbol: string, bar: Bar): number {
    const message = { T: "b", S: symbol, ...toAlpacaBar(bar) };
    return this.pushRaw(JSON.stringify([message]), (s) => s.bars.has(symbol));
  }

  pushTrade(symbol: string, time: number, price: number, size: number): number {
    const message = {
      T: "t",
      S: symbol,
      i: 1,
      x: "V",
      p: price,
      s: size,
      t: new Date(time).toISOString(),
      c: ["@"],
      z: "C",
    };
    return this.pushRaw(JSON.stringify([message]), (s) => s.trades.has(symbol));
  }

  pushRaw(text: string, to: (subscriptions: Subscriptions) => boolean = (s) => s.authenticated): number {
    return this.broadcast(text, (_, socket) => {
      const subscriptions = this.subscriptions.get(socket);
      return subscriptions !== undefined && to(subscriptions);
    });
  }

  #authorised(headers: Record<string, string | string[] | undefined>): boolean {
    return (
      headers["apca-api-key-id"] === this.#options.keyId &&
      headers["apca-api-secret-key"] === this.#options.secretKey
    );
  }

  #page(bars: AlpacaBar[], query: URLSearchParams): { bars: AlpacaBar[]; next: string | null } {
    const start = Date.parse(query.get("start") ?? "1970-01-01T00:00:00Z");
    const end = Date.parse(query.get("end") ?? "2100-01-01T00:00:00Z");
    const inRange = bars.filter((bar) => Date.parse(bar.t) >= start && Date.parse(bar.t) <= end);
    const offset = Number(Buffer.from(query.get("page_token") ?? "MA==", "base64").toString());
    const limit = Number(query.get("limit") ?? 1000);
    const next =
      offset + limit < inRange.length ? Buffer.from(String(offset + limit)).toString("base64") : null;
    return { bars: inRange.slice(offset, offset + limit), next };
  }

  #converse(socket: WebSocket, text: string): void {
    const state = this.subscriptions.get(socket);
    if (!state) return;
    const message = JSON.parse(text) as {
      action: string;
      key?: string;
      secret?: string;
      bars?: string[];
      trades?: string[];
    };
    if (message.action === "auth") {
      if (message.key === this.#options.keyId && message.secret === this.#options.secretKey) {
        state.authenticated = true;
        socket.send(JSON.stringify([{ T: "success", msg: "authenticated" }]));
      } else {
        socket.send(JSON.stringify([{ T: "error", code: 402, msg: "auth failed" }]));
        socket.close();
      }
    } else if (message.action === "subscribe") {
      if (!state.authenticated) {
        socket.send(JSON.stringify([{ T: "error", code: 401, msg: "not authenticated" }]));
        return;
      }
      for (const symbol of message.bars ?? []) state.bars.add(symbol);
      for (const symbol of message.trades ?? []) state.trades.add(symbol);
      socket.send(
        JSON.stringify([
          {
            T: "subscription",
            trades: [...state.trades],
            quotes: [],
            bars: [...state.bars],
            updatedBars: [],
            dailyBars: [],
          },
        ]),
      );
    }
  }
}

export function toAlpacaBar(bar: Bar): AlpacaBar {
  return {
    t: new Date(bar.time).toISOString().replace(".000Z", "Z"),
    o: bar.open,
    h: bar.high,
    l: bar.low,
    c: bar.close,
    v: bar.volume,
    n: 10,
    vw: (bar.open + bar.close) / 2,
  };
}
