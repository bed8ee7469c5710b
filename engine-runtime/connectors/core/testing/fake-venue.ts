import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * The parts every fake venue shares: an HTTP server on 127.0.0.1 for REST, a real WebSocket
 * server on the same port, and the venue behaviours tests need to provoke: rate limits, dropped
 * and refused connections, a connection lifetime, server pings that expect pongs. Each venue's
 * fake-server.ts adds its routes and payload formats. Test infrastructure: never imported by app code.
 */
export interface FakeVenueOptions {
  /** The venue closes every connection after this long (Binance: 24 h; tests: ~500 ms). */
  lifetimeMs?: number;
  /** The venue pings this often and drops a connection that has not answered the previous ping. */
  pingIntervalMs?: number;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RequestRecord {
  path: string;
  query: URLSearchParams;
  at: number;
  status: number;
  headers: IncomingMessage["headers"];
}

export interface ConnectionRecord {
  url: URL;
  openedAt: number;
  closedAt?: number;
  pongs: number;
  received: string[];
}

interface RateLimit {
  remaining: number;
  answer: HttpAnswer;
}

export class FakeVenue {
  readonly requests: RequestRecord[] = [];
  readonly connections: ConnectionRecord[] = [];
  readonly sockets = new Map<WebSocket, ConnectionRecord>();
  #server: Server;
  #wss = new WebSocketServer({ noServer: true });
  #routes = new Map<string, (query: URLSearchParams, request: IncomingMessage) => HttpAnswer>();
  #rateLimit: RateLimit | undefined;
  #refuse = 0;
  #timers = new Set<NodeJS.Timeout>();
  #connectionHandler: (socket: WebSocket, record: ConnectionRecord) => void = () => {};
  #messageHandler: (socket: WebSocket, text: string, record: ConnectionRecord) => void = () => {};
  readonly #options: FakeVenueOptions;

  constructor(options: FakeVenueOptions = {}) {
    this.#options = options;
    this.#server = createServer((request, response) => this.#answer(request, response));
    this.#server.on("upgrade", (request, socket, head) => {
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
    });
    if (options.pingIntervalMs) {
      const timer = setInterval(() => this.#pingAll(), options.pingIntervalMs);
      this.#timers.add(timer);
    }
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Answers GET `path`; the path "*" answers every path no other route claims. */
  route(path: string, handler: (query: URLSearchParams, request: IncomingMessage) => HttpAnswer): void {
    this.#routes.set(path, handler);
  }

  onConnection(handler: (socket: WebSocket, record: ConnectionRecord) => void): void {
    this.#connectionHandler = handler;
  }

  onMessage(handler: (socket: WebSocket, text: string, record: ConnectionRecord) => void): void {
    this.#messageHandler = handler;
  }

  /** The next `count` REST requests get `answer` (a 429 or 418 with the venue's headers). */
  rateLimitNext(count: number, answer: HttpAnswer): void {
    this.#rateLimit = { remaining: count, answer };
  }

  /** The next `count` WebSocket connections are accepted and closed at once, as a flaky venue does. */
  refuseNextConnections(count: number): void {
    this.#refuse = count;
  }

  /** Sends `text` to every open connection whose URL or state `accepts`. */
  broadcast(
    text: string,
    accepts: (record: ConnectionRecord, socket: WebSocket) => boolean = () => true,
  ): number {
    let sent = 0;
    for (const [socket, record] of this.sockets) {
      if (socket.readyState === socket.OPEN && accepts(record, socket)) {
        socket.send(text);
        sent++;
      }
    }
    return sent;
  }

  /** Cuts every connection without a close frame, like a network fault. */
  dropAll(): void {
    for (const socket of this.sockets.keys()) socket.terminate();
  }

  openConnections(): number {
    return [...this.sockets.keys()].filter((socket) => socket.readyState === socket.OPEN).length;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    for (const socket of this.sockets.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const handler = this.#routes.get(url.pathname) ?? this.#routes.get("*");
    let answer: HttpAnswer;
    if (this.#rateLimit && this.#rateLimit.remaining > 0) {
      this.#rateLimit.remaining--;
      answer = this.#rateLimit.answer;
    } else if (!handler) {
      answer = { status: 404, body: { message: `no route ${url.pathname}` } };
    } else {
      answer = handler(url.searchParams, request);
    }
    this.requests.push({
      path: url.pathname,
      query: url.searchParams,
      at: Date.now(),
      status: answer.status,
      headers: request.headers,
    });
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(body);
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const record: ConnectionRecord = {
      url: new URL(request.url ?? "/", "ws://127.0.0.1"),
      openedAt: Date.now(),
      pongs: 0,
      received: [],
    };
    this.connections.push(record);
    this.sockets.set(socket, record);
    socket.on("close", () => {
      record.closedAt = Date.now();
      this.sockets.delete(socket);
    });
    if (this.#refuse > 0) {
      this.#refuse--;
      socket.terminate();
      return;
    }
    socket.on("pong", () => {
      record.pongs++;
      awaitingPong.delete(socket);
    });
    socket.on("message", (data) => {
      const text = data.toString();
      record.received.push(text);
      this.#messageHandler(socket, text, record);
    });
    if (this.#options.lifetimeMs) {
      const timer = setTimeout(
        () => socket.close(1001, "connection lifetime reached"),
        this.#options.lifetimeMs,
      );
      this.#timers.add(timer);
      socket.on("close", () => clearTimeout(timer));
    }
    this.#connectionHandler(socket, record);
  }

  #pingAll(): void {
    for (const socket of this.sockets.keys()) {
      if (socket.readyState !== socket.OPEN) continue;
      if (awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      awaitingPong.add(socket);
      socket.ping();
    }
  }
}

const awaitingPong = new WeakSet<WebSocket>();
