/**
 * The clients of the socket.io fan-out benchmark (bench/paper.bench.ts), run in a child process:
 *
 *   node --import tsx bench/fanout-clients.ts <port,port,...> <clients>
 *
 * Each client is a plain `ws` WebSocket that speaks the wire protocol socket.io-client speaks once
 * its transport is a WebSocket (engine.io v4 carrying socket.io v5): it reads the engine.io
 * handshake `0{...}`, joins the default namespace with `40`, answers pings `2` with `3`, and
 * JSON-parses every event `42[...]`. It leaves out socket.io-client's per-client machinery
 * (managers, emitters, reconnection), the way wrk stands in for browsers: a lighter load generator
 * leaves more of the machine to the server being measured. Latency runs from the server's emit time, carried in the event, to
 * the moment each client has parsed it.
 */
import { pathToFileURL } from "node:url";
import WebSocket from "ws";

export type ToClients = { type: "start" } | { type: "stop" };
export type FromClients =
  | { type: "ready" }
  /** Every client of this process has parsed broadcast `id`. */
  | { type: "done"; id: number }
  | { type: "result"; delivered: number; seconds: number; latencies: number[] };

/** The event the benchmark broadcasts: `fill(id, emittedAt)`. */
export const FANOUT_EVENT = "fill";

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

/** Opens one client on `port` and resolves once the server has admitted it to the default namespace. */
function connectClient(port: number, onEvent: (args: unknown[]) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
      perMessageDeflate: false,
      // A connection the busy server never answers fails the run instead of stalling it.
      handshakeTimeout: 30_000,
    });
    ws.on("error", reject);
    ws.on("message", (data: Buffer) => {
      const packet = data.toString();
      if (packet[0] === "2") ws.send("3");
      else if (packet[0] === "0") ws.send("40");
      else if (packet.startsWith("42")) onEvent(JSON.parse(packet.slice(2)) as unknown[]);
      else if (packet.startsWith("40")) resolve(ws);
      else if (packet.startsWith("44"))
        reject(new Error(`the server refused the client: ${packet.slice(2)}`));
      else if (packet !== "41" && packet !== "1")
        throw new Error(`fan-out client: unexpected packet ${packet.slice(0, 80)}`);
    });
  });
}

async function runClients(ports: number[], count: number): Promise<void> {
  const reply = (message: FromClients) => process.send!(message);
  /** How many clients of this process have parsed each broadcast still on its way. */
  const reached = new Map<number, number>();
  const latencies: number[] = [];
  let measuring = false;
  let started = 0;
  const onEvent = (args: unknown[]) => {
    const [event, id, emittedAt] = args as [string, number, number];
    if (event !== FANOUT_EVENT) throw new Error(`fan-out client: unexpected event ${event}`);
    if (measuring) latencies.push(now() - emittedAt);
    const clients = (reached.get(id) ?? 0) + 1;
    if (clients < count) reached.set(id, clients);
    else {
      reached.delete(id);
      reply({ type: "done", id });
    }
  };
  const sockets = await Promise.all(
    Array.from({ length: count }, (_, i) => connectClient(ports[i % ports.length]!, onEvent)),
  );
  process.on("message", (message: ToClients) => {
    if (message.type === "start") {
      measuring = true;
      started = performance.now();
      return;
    }
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    for (const socket of sockets) socket.terminate();
    // A large result is still being written when send() returns; disconnecting then would drop it.
    process.send!(
      { type: "result", delivered: latencies.length, seconds, latencies } satisfies FromClients,
      () => process.disconnect(),
    );
  });
  reply({ type: "ready" });
}

// paper.bench.ts imports the types and constants above; only the forked process runs clients.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [ports, count] = process.argv.slice(2);
  await runClients(ports!.split(",").map(Number), Number(count));
}
