import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { describeWithService, testRedisUrl } from "@/server/testing/backends";
import { createSocketServer } from "./socket";

type SocketServer = ReturnType<typeof createSocketServer>;
const open: SocketServer[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

/** A socket server on a free loopback port whose sockets all join the room "desk". */
async function listen(
  redis?: Parameters<typeof createSocketServer>[1],
): Promise<{ url: string; port: number }> {
  const http = createServer();
  const server = createSocketServer(http, redis);
  server.io.on("connection", (socket) => socket.join("desk"));
  open.push(server);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port };
}

function connect(url: string, transports: ("polling" | "websocket")[]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(url, { transports, reconnection: false });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}

const nextFill = (socket: Socket) => new Promise((resolve) => socket.once("fill", resolve));

describe("the app's socket.io server", () => {
  it("serves browsers by long-polling when a proxy blocks WebSockets", async () => {
    const { url } = await listen();
    const socket = await connect(url, ["polling"]);
    const got = nextFill(socket);
    open[0]!.io.to("desk").emit("fill", { price: 101.5 });
    expect(await got, "a polling client receives broadcasts").toEqual({ price: 101.5 });
    expect(socket.io.engine.transport.name, "the client stayed on long-polling").toBe("polling");
    socket.close();
  });

  it("upgrades a polling client to a WebSocket when it can", async () => {
    const { url } = await listen();
    const socket = await connect(url, ["polling", "websocket"]);
    if (socket.io.engine.transport.name !== "websocket") {
      await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
    }
    expect(socket.io.engine.transport.name, "the default client ends on a WebSocket").toBe("websocket");
    socket.close();
  });

  it("sends WebSocket messages uncompressed even when the client offers compression", async () => {
    const { port } = await listen();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
      perMessageDeflate: true,
    });
    const extensions = await new Promise((resolve, reject) => {
      ws.on("upgrade", (response) => resolve(response.headers["sec-websocket-extensions"]));
      ws.on("error", reject);
    });
    expect(extensions, "permessage-deflate is declined, so a broadcast is framed once for all").toBe(
      undefined,
    );
    ws.terminate();
  });
});

describeWithService("the app's socket.io server with Redis", "TEST_REDIS_URL", testRedisUrl, (redisUrl) => {
  it("delivers a broadcast to sockets on another instance and ends its Redis connection on close", async () => {
    const connectionName = `strata-test-socket-${process.pid}-${Date.now()}`;
    const key = `strata-test-${connectionName}`;
    const clients = [new Redis(redisUrl, { connectionName }), new Redis(redisUrl, { connectionName })];
    const observer = new Redis(redisUrl);
    const connectionsNamed = async () =>
      ((await observer.client("LIST")) as string)
        .split("\n")
        .filter((line) => line.includes(`name=${connectionName} `)).length;
    try {
      await listen({ client: clients[0]!, key });
      const other = await listen({ client: clients[1]!, key });
      const socket = await connect(other.url, ["websocket"]);
      const got = nextFill(socket);
      open[0]!.io.to("desk").emit("fill", { price: 99.25 });
      expect(await got, "the event crossed Redis to the other instance").toEqual({ price: 99.25 });
      socket.close();
      expect(await connectionsNamed(), "each instance holds its own client and the adapter's").toBe(4);
      for (const server of open.splice(0)) await server.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await connectionsNamed(), "closing ends the adapter's connections, not the app's").toBe(2);
    } finally {
      for (const client of clients) client.disconnect();
      observer.disconnect();
    }
  });
});
