import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import { findSessionUser, readCookie, SESSION_COOKIE } from "@/server/auth/session";
import type { Services } from "@/server/services";
import { USER_EVENTS_TOPIC, type UserEvent } from "./events";

/** The room every socket of one user joins; server code emits a user's events there. */
export const userRoom = (userId: string) => `user:${userId}`;

/**
 * The app's socket.io server on `http`, without its sign-in and rooms: the fan-out benchmark
 * (bench/paper.bench.ts) builds its servers here too, so it measures these options.
 * With `redis`, rooms span every instance; `key` names the channels (the adapter's default
 * otherwise), so a benchmark stays apart from a running app.
 */
export function createSocketServer(
  http: HttpServer,
  redis?: { client: Redis; key?: string },
): { io: Server; close(): Promise<void> } {
  const io = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    // destroyUpgrade: false leaves other upgrades (Next.js hot reload) to their own handler.
    destroyUpgrade: false,
    // Long-polling stays first for browsers behind proxies that break WebSockets; the client
    // upgrades to a WebSocket when it can.
    transports: ["polling", "websocket"],
    // Our events are small JSON: compressing each per socket would cost more CPU than bytes saved,
    // and it would stop socket.io from writing one pre-framed WebSocket message to every socket
    // of a broadcast. Polling responses past 1 kB are still gzipped.
    perMessageDeflate: false,
    httpCompression: { threshold: 1024 },
  });
  // The adapter listens on a connection of its own; close() ends it with the server.
  const sub = redis?.client.duplicate();
  if (redis && sub) {
    sub.on("error", () => {});
    io.adapter(createAdapter(redis.client, sub, redis.key ? { key: redis.key } : {}));
  }
  return {
    io,
    async close() {
      await io.close();
      sub?.disconnect();
    },
  };
}

/**
 * socket.io on the app's own port. Only signed-in users connect; each joins its own room, so an
 * event sent to a user's room never reaches anyone else. With Redis, rooms span every instance.
 */
export function attachRealtime(http: HttpServer, services: Services): { io: Server; stop(): Promise<void> } {
  const { metrics } = services;
  const socketServer = createSocketServer(http, services.redis ? { client: services.redis } : undefined);
  const { io } = socketServer;
  io.use(async (socket, next) => {
    try {
      const user = await findSessionUser(services.db, readCookie(socket.request, SESSION_COOKIE));
      if (!user) return next(new Error("Please sign in to receive live updates."));
      socket.data.userId = user.id;
      next();
    } catch {
      next(new Error("Live updates are unavailable right now."));
    }
  });
  io.on("connection", (socket) => {
    metrics.socketConnections.inc();
    void socket.join(userRoom(socket.data.userId as string));
    socket.on("disconnect", () => metrics.socketConnections.dec());
  });
  // Every instance hears every user event and delivers it to its own sockets only (`local`),
  // so each browser gets it once whether or not Redis joins several instances.
  const unsubscribe = services.bus.subscribe(USER_EVENTS_TOPIC, (raw) => {
    const { userId, event, payload } = raw as UserEvent;
    metrics.socketMessages.inc({ event });
    io.local.to(userRoom(userId)).emit(event, payload);
  });
  return {
    io,
    async stop() {
      unsubscribe();
      await socketServer.close();
    },
  };
}
