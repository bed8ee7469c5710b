import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics for /metrics. One registry per server, so tests can run several side by side. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: "strata_http_requests_total",
      help: "HTTP requests served, by method, route group and status.",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "strata_http_request_duration_seconds",
      help: "HTTP request duration in seconds, by route group.",
      labelNames: ["route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    trpcCalls: new Counter({
      name: "strata_trpc_calls_total",
      help: "tRPC procedure calls, by procedure, type and outcome.",
      labelNames: ["path", "type", "outcome"] as const,
      registers: [registry],
    }),
    socketConnections: new Gauge({
      name: "strata_socketio_connections",
      help: "Open socket.io connections.",
      registers: [registry],
    }),
    socketMessages: new Counter({
      name: "strata_socketio_messages_total",
      help: "socket.io messages sent to clients, by event.",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
    jobs: new Counter({
      name: "strata_jobs_total",
      help: "Background jobs finished, by kind and outcome.",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
