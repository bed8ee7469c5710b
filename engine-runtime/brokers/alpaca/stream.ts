import WebSocket from "ws";
import { z } from "zod";
import type { AlpacaBrokerConfig } from "./config";
import { streamMessage, type TradeUpdate } from "./schemas";

export interface TradeUpdatesHandlers {
  update(update: TradeUpdate): void;
  /** Listening again after a drop: events sent meanwhile are lost, so the owner reconciles. */
  resubscribed(): void;
  /** Alpaca refused the keys: reconnecting cannot cure it. */
  failed(error: Error): void;
}

/**
 * The account's trade_updates stream, kept open: auth → listen → updates, redone on every
 * connection so a reconnect resubscribes. Reconnects back off from reconnectMinMs to reconnectMaxMs.
 */
export class TradeUpdatesStream {
  #socket: WebSocket | undefined;
  #closed = false;
  #attempt = 0;
  #listenedOnce = false;
  #timer: NodeJS.Timeout | undefined;
  /** Gives up on the first connection if it does not listen in time. */
  #opening: NodeJS.Timeout | undefined;
  #ready: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(
    readonly config: AlpacaBrokerConfig,
    readonly handlers: TradeUpdatesHandlers,
  ) {}

  /**
   * Resolves once the first connection listens to trade_updates; rejects, naming the address, when
   * that first connection cannot be made or does not listen within requestTimeoutMs. Only later
   * drops are retried.
   */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#ready = { resolve, reject };
      this.#opening = setTimeout(
        () =>
          this.#fail(
            new Error(
              `Alpaca's account stream at ${this.config.streamUrl} did not start within ${this.config.requestTimeoutMs} ms. Check the network, then resume the session.`,
            ),
          ),
        this.config.requestTimeoutMs,
      );
      this.#connect();
    });
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#opening);
    this.#socket?.terminate();
  }

  #connect(): void {
    const socket = new WebSocket(this.config.streamUrl);
    this.#socket = socket;
    socket.on("open", () =>
      socket.send(JSON.stringify({ action: "auth", key: this.config.keyId, secret: this.config.secretKey })),
    );
    socket.on("message", (data) => this.#message(socket, data.toString()));
    let problem = "";
    socket.on("error", (error) => {
      problem = error.message;
    });
    socket.on("close", () => {
      if (this.#closed || socket !== this.#socket) return;
      if (!this.#listenedOnce) {
        this.#fail(
          new Error(
            `Could not reach Alpaca's account stream at ${this.config.streamUrl}${problem ? ` (${problem})` : ""}. Check the network, then resume the session.`,
          ),
        );
        return;
      }
      const delay = Math.min(this.config.reconnectMaxMs, this.config.reconnectMinMs * 2 ** this.#attempt++);
      this.#timer = setTimeout(() => this.#connect(), delay);
    });
  }

  #message(socket: WebSocket, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#fail(new Error(`Alpaca's account stream sent something that is not JSON: ${text.slice(0, 120)}`));
      return;
    }
    const parsed = streamMessage.safeParse(json);
    if (!parsed.success) {
      this.#fail(
        new Error(
          `Alpaca's account stream sent a message we do not understand: ${z.prettifyError(parsed.error)}`,
        ),
      );
      return;
    }
    const message = parsed.data;
    if (message.stream === "authorization") {
      if (message.data.status !== "authorized") {
        this.#fail(
          new Error("Alpaca refused the API key on the account stream; check the key id and secret."),
        );
        return;
      }
      socket.send(JSON.stringify({ action: "listen", data: { streams: ["trade_updates"] } }));
    } else if (message.stream === "listening") {
      if (!message.data.streams.includes("trade_updates")) {
        this.#fail(new Error("Alpaca's account stream did not grant trade_updates."));
        return;
      }
      this.#attempt = 0;
      clearTimeout(this.#opening);
      if (this.#listenedOnce) this.handlers.resubscribed();
      this.#listenedOnce = true;
      this.#ready?.resolve();
      this.#ready = undefined;
    } else {
      this.handlers.update(message.data);
    }
  }

  #fail(error: Error): void {
    this.close();
    if (this.#ready) this.#ready.reject(error);
    else this.handlers.failed(error);
    this.#ready = undefined;
  }
}
