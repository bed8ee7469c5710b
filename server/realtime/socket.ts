import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { findSessionUser, readCookie, SESSION_COOKIE } from "@/server/auth/session";
import type { Services } from "@/server/services";
import { USER_EVENTS_TOPIC, type UserEvent } from "./events";

/** The room every socket of one user joins; server code emits a user's events there. */
export const userRoom = (userId: string) => `user:${userId}`;

/**
 * socket.io on the app's own port. Only signed-in users connect; each joins its own room, so an
 * event sent to a user's room never reaches anyone else. With Redis, rooms span every instance.
 */
export function attachRealtime(http: HttpServer, services: Services): { io: Server; stop(): Promise<void> } {
  const { metrics } = services;
  // destroyUpgrade: false leaves other upgrades (Next.js hot reload) to their own handler.
  const io = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    destroyUpgrade: false,
  });
  if (services.redis) {
    const sub = services.redis.duplicate();
    sub.on("error", () => {});
    io.adapter(createAdapter(services.redis, sub));
  }
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
      await io.close();
    },
  };
}
