import { fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { barAt } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import type { PlanStream } from "@/engine-runtime/executor/stream";
import { createStream } from "@/engine-runtime/executor/stream";
import { createNativeStream } from "@/engine-runtime/native";
import { loadAddon } from "@/engine-runtime/native/addon";
import { catalogue } from "@/nodes/catalogue";
import { fiveIndicators } from "./engine.bench";
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

type ToChild = { type: "start" } | { type: "stop" };
type FromChild =
  | { type: "ready" }
  | { type: "done"; id: number }
  | { type: "result"; delivered: number; seconds: number; latencies: number[] };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

/**
 * One room of CLIENTS sockets on loopback, the clients in a child process (a second core, as
 * browsers would be elsewhere). The server broadcasts a timestamped message whenever fewer than
 * IN_FLIGHT are still on their way, so the rate is what the stack sustains and the latency is
 * delivery, not a queue we built. With Redis, the clients are split over two servers sharing the
 * adapter, so half of every broadcast crosses Redis.
 */
async function fanout(redis: boolean): Promise<Fanout> {
  const servers: Server[] = [];
  const closers: (() => void)[] = [];
  const ports: number[] = [];
  for (let i = 0; i < (redis ? 2 : 1); i++) {
    const http = createServer();
    const server = new Server(http, { transports: ["websocket"] });
    if (redis) {
      const pub = new Redis(REDIS_URL);
      const sub = pub.duplicate();
      server.adapter(createAdapter(pub, sub, { key: `strata-bench-${process.pid}` }));
      closers.push(() => {
        pub.disconnect();
        sub.disconnect();
      });
    }
    server.on("connection", (socket) => socket.join("session"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    ports.push((http.address() as AddressInfo).port);
    servers.push(server);
    closers.push(() => http.close());
  }
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, STRATA_FANOUT_PORTS: ports.join(",") },
  });
  const messages = (handler: (message: FromChild) => void) => child.on("message", handler);
  const tell = (message: ToChild) => child.send(message);
  await new Promise<void>((resolve) => messages((m) => m.type === "ready" && resolve()));
  let inFlight = 0;
  let sending = true;
  let sent = 0;
  const emit = () => {
    inFlight++;
    servers[0].to("session").emit("fill", sent++, now());
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
  const result = new Promise<FromChild & { type: "result" }>((resolve) =>
    messages((m) => m.type === "result" && resolve(m)),
  );
  tell({ type: "stop" });
  const { delivered, seconds, latencies } = await result;
  sending = false;
  for (const server of servers) server.close();
  for (const close of closers) close();
  return { perSecond: delivered / seconds, p99Ms: percentile(latencies, 99) };
}

/** The child: CLIENTS socket.io clients; reports each broadcast once every client has it. */
async function runClients(ports: number[]): Promise<void> {
  const reached = new Map<number, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let measuring = false;
  let started = 0;
  const reply = (message: FromChild) => process.send!(message);
  const clients = Array.from({ length: CLIENTS }, (_, i) =>
    connect(`http://127.0.0.1:${ports[i % ports.length]}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    }),
  );
  for (const client of clients) {
    client.on("fill", (id: number, at: number) => {
      if (measuring) {
        delivered++;
        if (delivered % 10 === 0) latencies.push(now() - at);
      }
      const count = (reached.get(id) ?? 0) + 1;
      if (count < CLIENTS) reached.set(id, count);
      else {
        reached.delete(id);
        reply({ type: "done", id });
      }
    });
  }
  await Promise.all(clients.map((c) => new Promise((resolve) => c.on("connect", () => resolve(null)))));
  // The room is joined in the server's connection handler; let the adapters settle first.
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.on("message", (message: ToChild) => {
    if (message.type === "start") {
      measuring = true;
      started = performance.now();
    } else {
      measuring = false;
      reply({ type: "result", delivered, seconds: (performance.now() - started) / 1000, latencies });
      for (const client of clients) client.disconnect();
      process.disconnect();
    }
  });
  reply({ type: "ready" });
}

if (process.env.STRATA_FANOUT_PORTS && process.send) {
  await runClients(process.env.STRATA_FANOUT_PORTS.split(",").map(Number));
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
      case: `socket.io fan-out to ${CLIENTS} clients on loopback, ${label}`,
      unit: "msg/s",
      higherIsBetter: true,
      ours: { subject: "strata", value: result.perSecond },
      target: "≥ 50,000 msg/s",
    },
    {
      case: `socket.io delivery latency p99, ${CLIENTS} clients, ${label}`,
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
