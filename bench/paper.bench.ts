import { fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import type { Server } from "socket.io";
import { barAt } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import type { PlanStream } from "@/engine-runtime/executor/stream";
import { createStream } from "@/engine-runtime/executor/stream";
import { createNativeStream } from "@/engine-runtime/native";
import { loadAddon } from "@/engine-runtime/native/addon";
import { catalogue } from "@/nodes/catalogue";
import { createSocketServer } from "@/server/realtime/socket";
import { fiveIndicators } from "./engine.bench";
import { FANOUT_EVENT, type FromClients, now, type ToClients } from "./fanout-clients";
import { type Benchmark, type BenchRow, percentile } from "./harness";

const BARS = 30_000;
const CLIENTS = 1_000;
const FANOUT_SECONDS = 4;
/** Broadcasts allowed in flight: enough to keep every core busy, few enough that latency means delivery, not queueing. */
const IN_FLIGHT = 4;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Microseconds from a closed bar to the strategy's decision (pushBar), past the first 1,000 bars. */
function barToDecision(stream: PlanStream): number[] {
  const bars = syntheticBars({ count: BARS, seed: 7, intervalMs: 60_000, volatility: 0.3 });
  const latencies: number[] = [];
  for (let i = 0; i < BARS; i++) {
    const bar = barAt(bars, i);
    const started = process.hrtime.bigint();
    stream.pushBar(bar);
    latencies.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return latencies.slice(1000);
}

function latencyRows(engine: string, latencies: number[]): BenchRow[] {
  return [50, 99].map((p) => ({
    case: `bar-to-decision p${p}, 5-indicator strategy, ${engine}`,
    unit: "µs",
    higherIsBetter: false,
    ours: { subject: "strata", value: percentile(latencies, p) },
    ...(p === 99 ? { target: "≤ 100 µs" } : {}),
  }));
}

interface Fanout {
  perSecond: number;
  p99Ms: number;
}

/**
 * One room of CLIENTS sockets on loopback, served by the app's own socket.io server
 * (createSocketServer) and held by plain WebSocket clients in a child process (a second core, as
 * browsers would be elsewhere; see fanout-clients.ts). The server broadcasts one timestamped event
 * whenever fewer than IN_FLIGHT are still on their way to some client, so the rate is what the
 * stack sustains and the latency is delivery, not a queue we built. With Redis, the clients are
 * split over two servers sharing the adapter, so half of every broadcast crosses Redis.
 */
async function fanout(redis: boolean): Promise<Fanout> {
  const servers: { io: Server; close(): Promise<void> }[] = [];
  const clients: Redis[] = [];
  const ports: number[] = [];
  for (let i = 0; i < (redis ? 2 : 1); i++) {
    const http = createServer();
    const client = redis ? new Redis(REDIS_URL) : undefined;
    if (client) clients.push(client);
    const server = createSocketServer(http, client && { client, key: `strata-bench-${process.pid}` });
    server.io.on("connection", (socket) => socket.join("session"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    ports.push((http.address() as AddressInfo).port);
    servers.push(server);
  }
  const child = fork(
    fileURLToPath(new URL("./fanout-clients.ts", import.meta.url)),
    [ports.join(","), String(CLIENTS)],
    { execArgv: ["--import", "tsx"] },
  );
  const messages = (handler: (message: FromClients) => void) => child.on("message", handler);
  const tell = (message: ToClients) => child.send(message);
  // A client process that dies (a refused connection, a packet it cannot parse) fails the run
  // instead of leaving it waiting.
  const exited = new Promise<never>((_, reject) =>
    child.on("exit", (code) => reject(new Error(`the fan-out clients stopped early (exit code ${code})`))),
  );
  const next = <T extends FromClients["type"]>(type: T) =>
    Promise.race([
      new Promise<FromClients & { type: T }>((resolve) =>
        messages((m) => m.type === type && resolve(m as FromClients & { type: T })),
      ),
      exited,
    ]);
  await next("ready");
  let inFlight = 0;
  let sending = true;
  let sent = 0;
  const emit = () => {
    inFlight++;
    servers[0]!.io.to("session").emit(FANOUT_EVENT, sent++, now());
  };
  messages((m) => {
    if (m.type !== "done") return;
    inFlight--;
    if (sending && inFlight < IN_FLIGHT) emit();
  });
  for (let i = 0; i < IN_FLIGHT; i++) emit();
  await new Promise((resolve) => setTimeout(resolve, 500));
  tell({ type: "start" });
  await new Promise((resolve) => setTimeout(resolve, FANOUT_SECONDS * 1000));
  sending = false;
  const result = next("result");
  tell({ type: "stop" });
  const { delivered, seconds, latencies } = await result;
  for (const server of servers) await server.close();
  for (const client of clients) client.disconnect();
  return { perSecond: delivered / seconds, p99Ms: percentile(latencies, 99) };
}

async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function fanoutRows(label: string, result: Fanout): BenchRow[] {
  return [
    {
      case: `socket.io fan-out to ${CLIENTS} WebSocket clients (ws, socket.io protocol) on loopback, ${label}`,
      unit: "msg/s",
      higherIsBetter: true,
      ours: { subject: "strata", value: result.perSecond },
      target: "≥ 50,000 msg/s",
    },
    {
      case: `socket.io delivery latency p99, ${CLIENTS} WebSocket clients, ${label}`,
      unit: "ms",
      higherIsBetter: false,
      ours: { subject: "strata", value: result.p99Ms },
    },
  ];
}

const benchmark: Benchmark = {
  name: "paper",
  async run() {
    const plan = fiveIndicators();
    const settings = { initialCash: 1e9 };
    const rows = latencyRows("TypeScript", barToDecision(createStream(plan, settings, catalogue, BARS)));
    const addon = loadAddon();
    if (addon.ok) {
      const native = createNativeStream(plan, settings, {
        engine: "native",
        addonPath: addon.path,
        log: () => {},
      });
      rows.push(...latencyRows("native", barToDecision(native)));
    } else {
      process.stderr.write(`paper: native bar-to-decision rows skipped (${addon.reason}).\n`);
    }
    rows.push(...fanoutRows("in-process adapter", await fanout(false)));
    if (await redisReachable()) rows.push(...fanoutRows("Redis adapter, 2 servers", await fanout(true)));
    else
      process.stderr.write(
        `paper: Redis at ${REDIS_URL} is unreachable; the Redis fan-out rows are skipped.\n`,
      );
    return rows;
  },
};

export default benchmark;
