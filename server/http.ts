import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Server as SocketServer } from "socket.io";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import type { Metrics } from "@/server/ops/metrics";
import { attachRealtime } from "@/server/realtime/socket";
import type { Services } from "@/server/services";

/** Largest JSON body the API accepts; a strategy graph of thousands of nodes fits well within it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface StrataServer {
  http: Server;
  io: SocketServer;
  metrics: Metrics;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes sockets. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The one HTTP server: operations endpoints, the tRPC API at /api/trpc, socket.io, and every
 * other path to Next.js (`pages`). Without `pages` (API tests), unknown paths answer 404.
 */
export function createStrataServer(services: Services, pages?: PageHandler): StrataServer {
  const { log, metrics } = services;
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) => {
      const requestId = res.getHeader("x-request-id") as string;
      return createContext(services, req, res, requestId, log.child({ requestId }));
    },
    onError: ({ error, path, req }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error({ err: error.cause ?? error, path, url: req.url }, "tRPC error");
    },
    responseMeta: ({ paths, type, errors }) => {
      for (const path of paths ?? ["unknown"]) {
        metrics.trpcCalls.inc({ path, type, outcome: errors.length > 0 ? errors[0]!.code : "ok" });
      }
      return {};
    },
  });

  const http = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = safeRequestId(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const path = (req.url ?? "/").split("?")[0]!;
    const route = routeGroup(path);
    inFlight++;
    res.on("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: req.method ?? "?", route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, seconds);
      // One access line per request, carrying the same request id as the request's other lines.
      // Static assets and probes only at debug, so they do not drown the log.
      const level =
        route === "assets" || route === "healthz" || route === "readyz" || route === "metrics"
          ? "debug"
          : "info";
      log[level](
        { requestId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 1000) },
        "request",
      );
      if (--inFlight === 0) drained?.();
    });
    try {
      if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
      if (path === "/readyz") return await readiness(services, res);
      if (path === "/metrics") {
        res.setHeader("content-type", metrics.registry.contentType);
        return res.end(await metrics.registry.metrics());
      }
      if (path.startsWith("/api/")) {
        const refusal = refuseCrossSite(req, services.env.ALLOWED_ORIGINS);
        if (refusal) return sendJson(res, 403, { error: { code: "FORBIDDEN", message: refusal } });
        if (path.startsWith("/api/trpc/")) return trpc(req, res);
        return sendJson(res, 404, { error: { code: "NOT_FOUND", message: `There is no API at ${path}.` } });
      }
      if (pages) return await pages(req, res);
      sendJson(res, 404, { error: { code: "NOT_FOUND", message: `There is no page at ${path}.` } });
    } catch (error) {
      log.error({ err: error, requestId, url: req.url }, "request failed");
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side." } });
      else res.end();
    }
  });
  // Slow-loris and header-flood protection; long enough for normal clients.
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;

  const realtime = attachRealtime(http, services);

  return {
    http,
    io: realtime.io,
    metrics,
    async close(graceMs = 10_000) {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise((resolve) => setTimeout(resolve, graceMs)),
        ]);
      }
      await realtime.stop();
      http.closeAllConnections();
      await stopped;
    },
  };
}

async function readiness(services: Services, res: ServerResponse) {
  const checks: Record<string, "ok" | string> = {};
  try {
    await services.db.prisma.$queryRaw`SELECT 1`;
    checks.database = "ok";
  } catch (error) {
    checks.database = `unreachable: ${(error as Error).message}`;
  }
  if (services.redis) {
    try {
      await services.redis.ping();
      checks.redis = "ok";
    } catch (error) {
      checks.redis = `unreachable: ${(error as Error).message}`;
    }
  }
  const ready = Object.values(checks).every((c) => c === "ok");
  sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks });
}

/**
 * CSRF defence for the API: a state-changing request from a browser carries Origin (and
 * Sec-Fetch-Site); it must be this site's own origin or an allowed one. Requests with neither
 * header come from non-browser clients, which cookies of a victim cannot reach.
 */
export function refuseCrossSite(req: IncomingMessage, allowedOrigins: readonly string[]): string | null {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  const origin = req.headers.origin;
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  if (origin && origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "This request's Origin header is not a valid origin.";
    }
    if (originHost === host || allowedOrigins.includes(origin)) return null;
    return `Requests from ${origin} may not change anything here.`;
  }
  if (origin === "null" || req.headers["sec-fetch-site"] === "cross-site") {
    return "Requests from other sites may not change anything here.";
  }
  return null;
}

function routeGroup(path: string): string {
  if (path.startsWith("/api/trpc/")) return "trpc";
  if (path.startsWith("/socket.io")) return "socket.io";
  if (path.startsWith("/_next/")) return "assets";
  if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path.slice(1);
  return "page";
}

function safeRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.-]{1,64}$/.test(value) ? value : randomUUID();
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
