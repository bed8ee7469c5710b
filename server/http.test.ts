import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { createStrataServer } from "@/server/http";
import { createLogger } from "@/server/ops/log";
import { userRoom } from "@/server/realtime/socket";
import { createServices } from "@/server/services";
import { describeWithService, testDatabaseUrl, testRedisUrl } from "@/server/testing/backends";
import { Client, PASSWORD, uniqueEmail } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";

function apiSuite(start: () => Promise<TestServer>) {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => server?.close());

  it("signs up, remembers the session in an httpOnly SameSite=Lax cookie, and signs out", async () => {
    const client = new Client(server.url);
    const email = uniqueEmail();
    const signUp = await client.call("auth.signUp", { email: email.toUpperCase(), password: PASSWORD });
    expect(signUp.status, signUp.error).toBe(200);
    expect(signUp.setCookie, "the session cookie must be httpOnly and SameSite=Lax").toMatch(
      /^strata_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/,
    );
    expect(
      (await client.call("auth.me", undefined, "query")).data,
      "emails are stored lowercased",
    ).toMatchObject({
      email,
    });
    expect((await client.call("auth.signOut")).status).toBe(200);
    expect((await client.call("auth.me", undefined, "query")).data, "signed out").toBeNull();
  });

  it("gives one answer for an unknown email and a wrong password", async () => {
    const email = uniqueEmail();
    await new Client(server.url).call("auth.signUp", { email, password: PASSWORD });
    const wrongPassword = await new Client(server.url).call("auth.signIn", {
      email,
      password: "not the password",
    });
    const unknownEmail = await new Client(server.url).call("auth.signIn", {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.error, "no hint whether the account exists").toBe(
      "The email or password is incorrect.",
    );
    expect(unknownEmail.error, "same words for an unknown email").toBe(wrongPassword.error);
    const right = await new Client(server.url).call("auth.signIn", { email, password: PASSWORD });
    expect(right.status, "the right password signs in").toBe(200);
  });

  it("explains a taken email, a weak password and an invalid email", async () => {
    const email = uniqueEmail();
    const client = new Client(server.url);
    await client.call("auth.signUp", { email, password: PASSWORD });
    expect((await client.call("auth.signUp", { email, password: PASSWORD })).error).toBe(
      "An account with this email already exists. Sign in instead.",
    );
    expect((await client.call("auth.signUp", { email: uniqueEmail(), password: "short" })).error).toBe(
      "Use at least 10 characters for your password (it has 5).",
    );
    expect((await client.call("auth.signUp", { email: "not-an-email", password: PASSWORD })).error).toBe(
      "email: Enter a valid email address, like name@example.com.",
    );
  });

  it("refuses state-changing requests from another site", async () => {
    const evil = new Client(server.url, "https://evil.example");
    const response = await evil.call("auth.signUp", { email: uniqueEmail(), password: PASSWORD });
    expect(response.status, "cross-site POST is forbidden").toBe(403);
    expect(response.error).toBe("Requests from https://evil.example may not change anything here.");
  });

  it("answers malformed and oversized requests with structured errors, never a stack trace", async () => {
    const garbage = await fetch(`${server.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.1" },
      body: "{not json",
    });
    const text = await garbage.text();
    expect(garbage.status).toBe(400);
    expect(text, "a readable message").toContain("The request body is not valid JSON.");
    expect(text, "no stack trace").not.toMatch(/at .+\.(ts|js):\d+/);
    const huge = await fetch(`${server.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.2" },
      body: JSON.stringify({ json: { email: "a@b.co", password: "x".repeat(3 * 1024 * 1024) } }),
    });
    expect(huge.status, "bodies over the limit are refused").toBe(413);
    const unknown = await fetch(`${server.url}/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: "NOT_FOUND", message: "There is no API at /api/nothing." },
    });
  });

  it("reports health, readiness and Prometheus metrics", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    const readiness = (await ready.json()) as { checks: Record<string, string> };
    expect(ready.status, JSON.stringify(readiness)).toBe(200);
    expect(readiness.checks.database).toBe("ok");
    if (server.services.redis) expect(readiness.checks.redis).toBe("ok");
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics, "tRPC calls are counted").toMatch(
      /strata_trpc_calls_total\{path="auth\.signUp",type="mutation",outcome="ok"\} \d+/,
    );
    expect(metrics, "HTTP requests are counted").toMatch(
      /strata_http_requests_total\{method="GET",route="healthz",status="200"\} \d+/,
    );
  });

  it("limits sign-in attempts per address", async () => {
    const client = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await client.call("auth.signIn", { email: uniqueEmail(), password: "x" })).status);
    expect(
      statuses.slice(0, 10).every((s) => s === 401),
      `first ten are judged: ${statuses}`,
    ).toBe(true);
    const limited = await client.call("auth.signIn", { email: uniqueEmail(), password: "x" });
    expect(limited.status, "the eleventh and later are refused").toBe(429);
    expect(limited.error).toMatch(/^Too many attempts\. Please wait \d+ seconds? and try again\.$/);
  });

  it("delivers live events only to the signed-in owner's sockets", async () => {
    const alice = new Client(server.url);
    const bob = new Client(server.url);
    const aliceUser = (await alice.call("auth.signUp", { email: uniqueEmail(), password: PASSWORD }))
      .data as { id: string };
    await bob.call("auth.signUp", { email: uniqueEmail(), password: PASSWORD });

    const anonymous = connectSocket(server.url, { transports: ["websocket"], reconnection: false });
    const refusal = await new Promise<string>((resolve) =>
      anonymous.on("connect_error", (e) => resolve(e.message)),
    );
    expect(refusal, "anonymous sockets are refused").toBe("Please sign in to receive live updates.");
    anonymous.close();

    const open = (client: Client) =>
      new Promise<ReturnType<typeof connectSocket>>((resolve, reject) => {
        const socket = connectSocket(server.url, {
          transports: ["websocket"],
          reconnection: false,
          extraHeaders: { cookie: client.cookie },
        });
        socket.on("connect", () => resolve(socket));
        socket.on("connect_error", reject);
      });
    const [aliceSocket, bobSocket] = await Promise.all([open(alice), open(bob)]);
    const bobGot: unknown[] = [];
    bobSocket.on("backtest:progress", (e) => bobGot.push(e));
    const aliceGot = new Promise((resolve) => aliceSocket.on("backtest:progress", resolve));
    server.server.io.to(userRoom(aliceUser.id)).emit("backtest:progress", { progress: 0.5 });
    expect(await aliceGot, "the owner receives the event").toEqual({ progress: 0.5 });
    await new Promise((r) => setTimeout(r, 100));
    expect(bobGot, "another user receives nothing").toEqual([]);
    aliceSocket.close();
    bobSocket.close();
  });
}

describe("API on embedded PGlite", () => apiSuite(() => startTestServer()));

describeWithService("API on PostgreSQL and Redis", "TEST_DATABASE_URL", testDatabaseUrl, (postgresUrl) => {
  if (!testRedisUrl && process.env.CI === "true")
    throw new Error("TEST_REDIS_URL is required under CI=true.");
  apiSuite(() => startTestServer({ postgresUrl, redisUrl: testRedisUrl }));
});

describe("a restart", () => {
  it("keeps accounts in the embedded database's files", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "strata-restart-"));
    try {
      const email = uniqueEmail();
      const first = await startTestServer({ dataDir });
      expect((await new Client(first.url).call("auth.signUp", { email, password: PASSWORD })).status).toBe(
        200,
      );
      await first.close();
      const second = await startTestServer({ dataDir });
      const signIn = await new Client(second.url).call("auth.signIn", { email, password: PASSWORD });
      await second.close();
      expect(signIn.status, "the account survives the restart").toBe(200);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("a configured server that cannot be reached", () => {
  it("stops start-up with a sentence naming DATABASE_URL and the address", async () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://postgres:secret@127.0.0.1:1/x", LOG_LEVEL: "silent" });
    const failure = createServices(env, createLogger("silent"));
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(failure).rejects.toThrow(/DATABASE_URL/);
    await expect(failure, "the password is never printed").rejects.not.toThrow(/secret/);
  });

  it("stops start-up with a sentence naming REDIS_URL and the address", async () => {
    const env = parseEnv({
      REDIS_URL: "redis://127.0.0.1:1",
      STRATA_DATA_DIR: "memory://",
      LOG_LEVEL: "silent",
    });
    await expect(createServices(env, createLogger("silent"))).rejects.toThrow(
      /^Strata could not reach the Redis server at 127\.0\.0\.1:1 given by REDIS_URL/,
    );
  });
});

describe("logs", () => {
  it("write one JSON access line per request, with the request id the client sees", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const services = await createServices(parseEnv({ STRATA_DATA_DIR: "memory://", NODE_ENV: "test" }), log);
    const server = createStrataServer(services);
    await new Promise<void>((resolve) => server.http.listen(0, "127.0.0.1", resolve));
    const { port } = server.http.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/trpc/auth.me`, {
        headers: { "x-request-id": "trace-42" },
      });
      expect(response.headers.get("x-request-id"), "the id a client sends comes back").toBe("trace-42");
      await new Promise((r) => setTimeout(r, 50));
      const access = lines.find((line) => line.msg === "request" && line.path === "/api/trpc/auth.me");
      expect(access, "an access line for the request").toMatchObject({
        requestId: "trace-42",
        method: "GET",
        status: 200,
      });
    } finally {
      await server.close(500);
      await services.close();
    }
  });
});
