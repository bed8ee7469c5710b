import WebSocket from "ws";
import { type Bar, type BarColumns, barAt } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import { Backoff, type BackoffOptions } from "./backoff";
import { type ConnectorLogger, excerpt } from "./log";
import { AsyncQueue } from "./queue";
import type { FeedEvent, FeedStatus, LiveFeed, Trade } from "./types";

/** What a venue's stream decoder reports for one text frame. */
export type StreamMessage =
  | { type: "bar"; symbol: string; bar: Bar }
  | { type: "trade"; trade: Trade }
  /** The venue has accepted the subscription: the feed is live. */
  | { type: "ready" }
  /** The venue refused us; `retry` says whether reconnecting can help (a limit) or not (bad key). */
  | { type: "refused"; message: string; retry: boolean };

/** One connection's conversation with the venue (auth and subscribe steps keep their state here). */
export interface StreamSession {
  /** Sends what the venue expects on open; true when the stream is ready without a reply. */
  open(send: (text: string) => void): boolean;
  /** Decodes one text frame; throws with a sentence when the payload is malformed. */
  message(text: string, send: (text: string) => void): StreamMessage[];
}

export interface StreamProtocol {
  url: string;
  headers?: Record<string, string>;
  session(): StreamSession;
}

export interface LiveFeedOptions {
  /** Venue name for messages: "Binance", "Alpaca". */
  venue: string;
  timeframe: Timeframe;
  protocol: StreamProtocol;
  /** REST history, called to fill bars the stream skipped (while reconnecting, or dropped). */
  backfill: (symbol: string, timeframe: Timeframe, from: number, to: number) => Promise<BarColumns>;
  /** No frame for this long on an open socket: the feed is stale and the socket is replaced. */
  staleAfterMs: number;
  /** Venues that are silent when the market is (Alpaca at night) count pongs to our pings as life. */
  pongsCountAsData?: boolean;
  connectTimeoutMs: number;
  backoff: BackoffOptions;
  /** Consecutive failed connections before the feed gives up and goes down. */
  maxReconnects: number;
  logger: ConnectorLogger;
}

/**
 * A WebSocket feed that stays up: reconnects with backoff and jitter when the venue drops it (its
 * connection lifetime, a network fault, a stale socket), resubscribes on every new connection,
 * and delivers each symbol's closed bars once, in time order, filling gaps from REST history.
 */
export function openLiveFeed(options: LiveFeedOptions): LiveFeed {
  return new ReconnectingFeed(options);
}

class ReconnectingFeed implements LiveFeed {
  #status: FeedStatus = "connecting";
  #listeners = new Set<(status: FeedStatus, reason: string) => void>();
  #queue = new AsyncQueue<FeedEvent>();
  #socket: WebSocket | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #lastFrameAt = 0;
  #closed = false;
  #connections = 0;
  #backoff: Backoff;
  #lastBar = new Map<string, number>();
  /** Bars go through one chain so a backfill finishes before later bars are delivered. */
  #delivery: Promise<void> = Promise.resolve();
  readonly #options: LiveFeedOptions;

  constructor(options: LiveFeedOptions) {
    this.#options = options;
    this.#backoff = new Backoff(options.backoff);
    this.#queue.push({ kind: "status", status: "connecting", reason: `opening ${options.venue} stream` });
    this.#connect();
  }

  get status(): FeedStatus {
    return this.#status;
  }

  onStatus(listener: (status: FeedStatus, reason: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  [Symbol.asyncIterator](): AsyncIterator<FeedEvent> {
    return this.#queue[Symbol.asyncIterator]();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#watchdog);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, "closed by the client");
      const timer = setTimeout(() => socket.terminate(), 1000);
      await closed;
      clearTimeout(timer);
    }
    await this.#delivery;
    this.#setStatus("down", "closed by you");
    this.#queue.end();
  }

  #connect(): void {
    const { protocol, venue, logger, connectTimeoutMs } = this.#options;
    this.#connections++;
    if (this.#connections > 1) this.#setStatus("reconnecting", `connecting to ${venue} again`);
    const session = protocol.session();
    const socket = new WebSocket(protocol.url, {
      headers: protocol.headers,
      handshakeTimeout: connectTimeoutMs,
    });
    this.#socket = socket;
    let receivedData = false;
    const send = (text: string) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    };
    socket.on("open", () => {
      this.#lastFrameAt = Date.now();
      this.#startWatchdog(socket);
      if (session.open(send)) this.#setStatus("live", `${venue} stream open`);
    });
    socket.on("pong", () => {
      if (this.#options.pongsCountAsData) this.#lastFrameAt = Date.now();
    });
    socket.on("message", (data: WebSocket.RawData) => {
      if (socket !== this.#socket) return;
      this.#lastFrameAt = Date.now();
      const text = data.toString();
      let messages: StreamMessage[];
      try {
        messages = session.message(text, send);
      } catch (error) {
        logger.warn(
          { venue, error: error instanceof Error ? error.message : String(error), payload: excerpt(text) },
          "malformed payload rejected",
        );
        return;
      }
      for (const message of messages) {
        if (message.type === "ready") this.#setStatus("live", `${venue} accepted the subscription`);
        else if (message.type === "refused") this.#refused(socket, message.message, message.retry);
        else {
          // A connection that delivers data has proven itself: the next failure starts from a short wait.
          if (!receivedData) this.#backoff.reset();
          receivedData = true;
          if (this.#status === "stale") this.#setStatus("live", "data is flowing again");
          if (message.type === "trade") this.#queue.push({ kind: "trade", trade: message.trade });
          else this.#enqueueBar(message.symbol, message.bar);
        }
      }
    });
    socket.on("error", (error) => logger.warn({ venue, error: error.message }, "stream error"));
    socket.on("close", (code, reason) => {
      if (socket !== this.#socket) return;
      clearInterval(this.#watchdog);
      this.#socket = undefined;
      if (this.#closed) return;
      const why = reason.length > 0 ? `: ${reason.toString()}` : "";
      this.#scheduleReconnect(`${venue} closed the stream (code ${code}${why})`);
    });
  }

  #refused(socket: WebSocket, message: string, retry: boolean): void {
    const { venue, logger } = this.#options;
    logger.warn({ venue, message, retry }, "venue refused the stream");
    if (retry) {
      socket.close(1000, "refused");
      return;
    }
    this.#closed = true;
    clearInterval(this.#watchdog);
    this.#socket = undefined;
    socket.terminate();
    this.#setStatus("down", `${venue} refused the stream: ${message}`);
    this.#queue.end();
  }

  #startWatchdog(socket: WebSocket): void {
    const { staleAfterMs, pongsCountAsData } = this.#options;
    clearInterval(this.#watchdog);
    this.#watchdog = setInterval(
      () => {
        if (socket !== this.#socket) return;
        if (pongsCountAsData) socket.ping();
        const silent = Date.now() - this.#lastFrameAt;
        if (silent <= staleAfterMs) return;
        this.#setStatus("stale", `no data from ${this.#options.venue} for ${silent} ms`);
        // ws emits "close" after terminate(), which schedules the reconnect.
        socket.terminate();
      },
      Math.max(10, Math.min(1000, staleAfterMs / 4)),
    );
  }

  #scheduleReconnect(reason: string): void {
    if (this.#backoff.attempt >= this.#options.maxReconnects) {
      this.#closed = true;
      this.#setStatus("down", `${reason}; gave up after ${this.#backoff.attempt} attempts`);
      this.#queue.end();
      return;
    }
    const delay = Math.round(this.#backoff.next());
    this.#setStatus("reconnecting", `${reason}; reconnecting in ${delay} ms`);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  #enqueueBar(symbol: string, bar: Bar): void {
    this.#delivery = this.#delivery.then(() => this.#deliverBar(symbol, bar));
  }

  async #deliverBar(symbol: string, bar: Bar): Promise<void> {
    const { timeframe, venue, logger } = this.#options;
    const step = TIMEFRAME_MS[timeframe];
    const last = this.#lastBar.get(symbol);
    if (last !== undefined && bar.time <= last) return; // delivered already, before a reconnect
    if (last !== undefined && bar.time > last + step) {
      const from = last + step;
      logger.info(
        { venue, symbol, timeframe, from, to: bar.time },
        "gap in the stream; backfilling over REST",
      );
      try {
        const missing = await this.#options.backfill(symbol, timeframe, from, bar.time);
        for (let i = 0; i < missing.time.length; i++) {
          const time = missing.time[i];
          if (time <= (this.#lastBar.get(symbol) ?? -Infinity) || time >= bar.time) continue;
          this.#pushBar(symbol, barAt(missing, i), true);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn({ venue, symbol, timeframe, from, to: bar.time, error: reason }, "backfill failed");
        this.#queue.push({ kind: "gap", symbol, timeframe, from, to: bar.time, reason });
      }
    }
    this.#pushBar(symbol, bar, false);
  }

  #pushBar(symbol: string, bar: Bar, backfilled: boolean): void {
    this.#lastBar.set(symbol, bar.time);
    this.#queue.push({ kind: "bar", symbol, timeframe: this.#options.timeframe, bar, backfilled });
  }

  #setStatus(status: FeedStatus, reason: string): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#queue.push({ kind: "status", status, reason });
    for (const listener of this.#listeners) listener(status, reason);
  }
}
