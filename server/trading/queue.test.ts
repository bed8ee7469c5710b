import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { createStream } from "@/engine-runtime/executor/stream";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { connectRedis } from "@/server/bus/redis";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { loadDataset } from "@/server/jobs/datasets";
import { describeWithService, testDatabaseUrl, testRedisUrl } from "@/server/testing/backends";
import { openSocket, signedUpClient } from "@/server/testing/client";
import { createScratchDatabase } from "@/server/testing/postgres";
import { startTestServer } from "@/server/testing/server";
import { saveStrategy } from "@/server/testing/strategies";
import { money } from "./ledger";
import { sessionWindow } from "./market";
import { RUNNERS_GROUP, SESSION_QUEUE, SessionQueue } from "./queue";
import type { RunnerTimings } from "./runner";
import type { PaperUpdate } from "./runtime";
import { barsOf } from "./session-run";

/**
 * Paper sessions run by separate runner processes (real child processes) that take them from the
 * Redis Streams work queue, on real PostgreSQL and Redis. Each suite has its own stream, so other
 * runners on the same Redis never read its entries. Waits are on conditions, each bounded.
 */
const DATASET = "sample:2006-day-001";
const RUN = { initialCash: 20_000, defaultQuantity: 2, commission: { perOrder: 1 } };
const ENTRY = path.join(import.meta.dirname, "testing", "runner-entry.ts");

interface RunnerProcess {
  child: ChildProcess;
  /** The runtime's id: its consumer name in the group and its name in lease rows. */
  instanceId: string;
  /** Every session this runner started running, in order: a session run twice appears twice. */
  runs: string[];
  /** Entries it took over from a runner that read them and never settled them. */
  takeovers: number;
  exited: Promise<unknown>;
}

const children: ChildProcess[] = [];

/** One uninterrupted stream over the dataset: what every session's ledger must hold, once. */
async function reference() {
  const plan = compile(smaCrossoverGraph(5, 20)).plan!;
  const bars = await loadDataset(DATASET);
  const engine = createStream(plan, RUN);
  return {
    window: sessionWindow(bars, plan.warmup)!,
    barTimes: [...bars.time],
    fills: [...barsOf(bars)].flatMap((bar) => engine.pushBar(bar).fills),
  };
}

const countOf = (runs: string[], id: string) => runs.filter((run) => run === id).length;

function spawnRunner(databaseUrl: string, redisUrl: string, timings: RunnerTimings): Promise<RunnerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ENTRY, databaseUrl, redisUrl, JSON.stringify(timings)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const runner: RunnerProcess = { child, instanceId: "", runs: [], takeovers: 0, exited };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out waiting for a runner to start")), 60_000);
    void exited.then((code) => reject(new Error(`a runner exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const entry = JSON.parse(line) as { msg: string; sessionId?: string; runtime?: string };
      if (entry.msg === "Running a paper session.") runner.runs.push(entry.sessionId!);
      if (entry.msg.startsWith("Took over a paper session entry")) runner.takeovers++;
      if (entry.msg.startsWith("The session runner is taking paper sessions")) {
        runner.instanceId = entry.runtime!;
        clearTimeout(timer);
        resolve(runner);
      }
    });
  });
}

async function stopRunner(runner: RunnerProcess) {
  runner.child.kill("SIGTERM");
  await runner.exited;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describeWithService("PostgreSQL", "TEST_DATABASE_URL", testDatabaseUrl, (postgresUrl) => {
  describeWithService("Redis", "TEST_REDIS_URL", testRedisUrl, (redisUrl) => {
    const stream = `strata:test:paper:sessions:${randomUUID()}`;
    let scratch: { url: string; drop(): Promise<void> };
    let db: Database;
    let redis: Redis;
    let queue: SessionQueue;
    let ownerId: string;
    let versionId: string;
    let window: { warmupFrom: number; liveFrom: number };
    let barTimes: number[];
    let referenceFills: [number, string, number, number][];
    let referenceCash: number;

    beforeAll(async () => {
      scratch = await createScratchDatabase(postgresUrl);
      db = await openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR });
      await migrate(db);
      redis = await connectRedis(redisUrl, "strata-test");
      queue = new SessionQueue(redis, stream);
      const user = await db.prisma.user.create({
        data: { email: `runner.${randomUUID()}@example.com`, passwordHash: "x" },
      });
      ownerId = user.id;
      const strategyId = await saveStrategy(db, ownerId, smaCrossoverGraph(5, 20));
      versionId = (await db.prisma.strategyVersion.findFirstOrThrow({ where: { strategyId } })).id;
      const run = await reference();
      window = run.window;
      barTimes = run.barTimes;
      referenceFills = run.fills.map((f) => [f.time, f.side, f.quantity, f.price]);
      referenceCash = run.fills.reduce(
        (sum, f) => sum + (f.side === "buy" ? -1 : 1) * f.quantity * f.price - f.commission,
        RUN.initialCash,
      );
      expect(run.fills.length, "the strategy trades in this data").toBeGreaterThan(4);
    });

    afterAll(async () => {
      await redis?.del(stream);
      redis?.disconnect();
      await db?.close();
      await scratch?.drop();
    });

    /** A running session nobody holds yet, as the API creates it. */
    async function createSession(barsPerSecond: number): Promise<string> {
      const id = randomUUID();
      await db.withConnection((conn) =>
        conn.query(
          `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, dataset, symbol, timeframe, settings,
              initial_cash, cash, equity, warmup_from, live_from, updated_at)
           VALUES ($1, $2, $3, $4, 'DAY', '1d', $5, $6, $6, $6, $7, $8, now())`,
          [
            id,
            ownerId,
            versionId,
            DATASET,
            JSON.stringify({ run: RUN, barsPerSecond }),
            money(RUN.initialCash),
            window.warmupFrom,
            window.liveFrom,
          ],
        ),
      );
      return id;
    }

    async function sessionRow(id: string) {
      const [row] = await db.withConnection((conn) =>
        conn.query<{
          status: string;
          last_bar_time: string | null;
          lease_owner: string | null;
          fills: string;
        }>(
          `SELECT status::text, last_bar_time::text, lease_owner,
                  (SELECT count(*) FROM paper_fills f WHERE f.session_id = s.id)::text AS fills
             FROM paper_sessions s WHERE id = $1`,
          [id],
        ),
      );
      return row!;
    }

    const allStopped = async (ids: string[]) =>
      (await Promise.all(ids.map(sessionRow))).every((row) => row.status === "stopped");

    async function expectPlayedOnce(id: string) {
      const ledger = await db.withConnection(async (conn) => ({
        session: (
          await conn.query<{ status: string; cash: string }>(
            `SELECT status::text, cash::text FROM paper_sessions WHERE id = $1`,
            [id],
          )
        )[0]!,
        fills: await conn.query<{ time: string; side: string; quantity: string; price: string }>(
          `SELECT time::text, side, quantity::text, price::text FROM paper_fills WHERE session_id = $1 ORDER BY time, fill_key`,
          [id],
        ),
        orders: await conn.query<{ client_order_id: string }>(
          `SELECT client_order_id FROM paper_orders WHERE session_id = $1`,
          [id],
        ),
        equity: await conn.query<{ time: string }>(
          `SELECT time::text FROM paper_equity WHERE session_id = $1 ORDER BY time`,
          [id],
        ),
      }));
      expect(ledger.session.status, `session ${id} played to the end of its data`).toBe("stopped");
      expect(
        ledger.fills.map((f) => [Number(f.time), f.side, Number(f.quantity), Number(f.price)]),
        `session ${id}: every fill once, none missing, none twice`,
      ).toEqual(referenceFills);
      expect(
        new Set(ledger.orders.map((o) => o.client_order_id)).size,
        `session ${id}: no client order id twice`,
      ).toBe(ledger.orders.length);
      expect(
        ledger.equity.map((p) => Number(p.time)),
        `session ${id}: every bar recorded once`,
      ).toEqual(barTimes);
      expect(Number(ledger.session.cash), `session ${id}: each fill moved the cash once`).toBeCloseTo(
        referenceCash,
        6,
      );
    }

    /** The group's view of the stream: what it delivered last and what is still unsettled. */
    async function groupState() {
      const groups = (await redis.xinfo("GROUPS", stream)) as unknown[][];
      const group = groups
        .map((fields) => Object.fromEntries(fields.flatMap((v, i) => (i % 2 ? [] : [[v, fields[i + 1]]]))))
        .find((g) => g.name === RUNNERS_GROUP)!;
      return { lastDelivered: String(group["last-delivered-id"]), pending: Number(group.pending) };
    }

    it("runs each queued session in exactly one of two runner processes", async () => {
      // No scan within the test: the queue is the only way in. At most three sessions each, so
      // six sessions must be split three and three.
      const timings = { stream, maxSessions: 3, scanMs: 600_000, leaseMs: 5_000, claimIdleMs: 600_000 };
      const [a, b] = await Promise.all([
        spawnRunner(scratch.url, redisUrl, timings),
        spawnRunner(scratch.url, redisUrl, timings),
      ]);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await createSession(50));
      for (const id of ids) await queue.enqueue(id);
      await until(() => allStopped(ids), "all six sessions to finish");

      expect(a.runs.length, "runner A was full with three sessions").toBe(3);
      expect(b.runs.length, "runner B took the other three").toBe(3);
      expect([...a.runs, ...b.runs].sort(), "every session ran once, in one runner").toEqual([...ids].sort());
      for (const id of ids) await expectPlayedOnce(id);
      expect((await groupState()).pending, "every entry was acknowledged").toBe(0);
      await Promise.all([stopRunner(a), stopRunner(b)]);
    });

    it("runs a session once however often its entry is delivered", async () => {
      const timings = { stream, scanMs: 600_000, leaseMs: 5_000, claimIdleMs: 600_000 };
      const [a, b] = await Promise.all([
        spawnRunner(scratch.url, redisUrl, timings),
        spawnRunner(scratch.url, redisUrl, timings),
      ]);
      const id = await createSession(50);
      for (let i = 0; i < 3; i++) await queue.enqueue(id);
      await until(async () => (await sessionRow(id)).status === "stopped", "the session to finish");
      // A late duplicate, delivered after the session ended.
      const last = await queue.enqueue(id);
      await until(async () => {
        const state = await groupState();
        return state.lastDelivered === last && state.pending === 0;
      }, "every entry to be delivered and settled");

      expect(countOf([...a.runs, ...b.runs], id), "four entries, one run").toBe(1);
      await expectPlayedOnce(id);
      await Promise.all([stopRunner(a), stopRunner(b)]);
    });

    it("takes over an entry a runner read and never settled", async () => {
      // The runner is ready once its first scan is done, and scans no more within the test: only
      // the queue can bring it the session. The entry is appended and read by a consumer that then
      // dies, in one transaction, so the live runner (blocked on the group) never gets it first.
      const timings = { stream, scanMs: 600_000, leaseMs: 5_000, claimIdleMs: 500 };
      const runner = await spawnRunner(scratch.url, redisUrl, timings);
      const orphan = await createSession(50);
      const [[, entry], [, read]] = (await redis
        .multi()
        .xadd(stream, "*", "session", orphan)
        .xreadgroup("GROUP", RUNNERS_GROUP, "a-runner-that-died", "COUNT", 1, "STREAMS", stream, ">")
        .exec()) as [[null, string], [null, [string, [string, string[]][]][]]];
      expect(read[0]![1][0]![0], "the dying consumer got the orphan's entry").toBe(entry);

      await until(async () => (await sessionRow(orphan)).status === "stopped", "the orphan to be run");
      expect(runner.takeovers, "the entry came by XAUTOCLAIM").toBe(1);
      expect(countOf(runner.runs, orphan), "the orphan ran once").toBe(1);
      await expectPlayedOnce(orphan);
      expect((await groupState()).pending, "the taken-over entry was acknowledged").toBe(0);
      await stopRunner(runner);
    });

    it("moves a killed runner's sessions to the other runner with no order twice", async () => {
      const timings = { stream, scanMs: 300, leaseMs: 1_500, claimIdleMs: 1_000, departedIdleMs: 3_000 };
      const doomed = await spawnRunner(scratch.url, redisUrl, timings);
      const first = [await createSession(25), await createSession(25)];
      for (const id of first) await queue.enqueue(id);
      await until(
        () => first.every((id) => doomed.runs.includes(id)),
        "the first runner to take two sessions",
      );
      const survivor = await spawnRunner(scratch.url, redisUrl, timings);
      const later = [await createSession(25), await createSession(25)];
      for (const id of later) await queue.enqueue(id);
      const ids = [...first, ...later];
      await until(
        async () => ids.every((id) => doomed.runs.includes(id) || survivor.runs.includes(id)),
        "all four sessions to be taken",
      );

      // Killed once every session it runs has traded and is well past its warm-up.
      const inLive = barTimes[barTimes.indexOf(window.liveFrom) + 40]!;
      await until(async () => {
        const rows = await Promise.all(doomed.runs.map(sessionRow));
        return rows.every((row) => Number(row.last_bar_time) >= inLive && Number(row.fills) > 0);
      }, "the first runner's sessions to trade");
      doomed.child.kill("SIGKILL");
      await doomed.exited;
      const orphans = [...new Set(doomed.runs)];
      const atKill = await Promise.all(orphans.map(sessionRow));
      expect(
        atKill.map((row) => [row.status, row.lease_owner]),
        "the killed runner's sessions were mid-run, still leased to it",
      ).toEqual(orphans.map(() => ["running", doomed.instanceId]));

      await until(() => allStopped(ids), "every session to finish");
      for (const id of orphans)
        expect(countOf(survivor.runs, id), `the survivor took over ${id} once its lease expired`).toBe(1);
      for (const id of ids) await expectPlayedOnce(id);
      // The killed runner never left the group itself; the survivor removes it once it is silent.
      const consumerNames = async () =>
        ((await redis.xinfo("CONSUMERS", stream, RUNNERS_GROUP)) as unknown[][]).map((fields) =>
          String(fields[fields.indexOf("name") + 1]),
        );
      await until(
        async () => !(await consumerNames()).includes(doomed.instanceId),
        "the survivor to remove the killed runner from the consumer group",
        30_000,
      );
      expect(await consumerNames(), "the survivor stays in the group").toContain(survivor.instanceId);
      await stopRunner(survivor);
    }, 180_000);
  });

  describeWithService("Redis", "TEST_REDIS_URL", testRedisUrl, (redisUrl) => {
    it("runs sessions started over the API in a runner process when the web process runs none", async () => {
      const server = await startTestServer({ postgresUrl, redisUrl, sessionRunners: "external" });
      try {
        expect(server.services.paper, "the web process runs no sessions itself").toBeNull();
        const runner = await spawnRunner(server.services.env.DATABASE_URL!, redisUrl, {
          leaseMs: 1_500,
          scanMs: 500,
        });
        const owner = await signedUpClient(server.url);
        const strategyId = await saveStrategy(server.services.db, owner.userId, smaCrossoverGraph(5, 20));
        const socket = await openSocket(server.url, owner.client);
        const seen: PaperUpdate[] = [];
        socket.on("paper:update", (update: PaperUpdate) => seen.push(update));
        const queued = async (id: string) =>
          (
            (await server.services.redis!.xrevrange(SESSION_QUEUE, "+", "-", "COUNT", 1000)) as [
              string,
              string[],
            ][]
          ).filter(([, fields]) => fields[1] === id).length;

        const started = await owner.client.call("paper.start", {
          strategyId,
          dataset: DATASET,
          settings: { run: RUN, barsPerSecond: 100 },
        });
        expect(started.status, started.error).toBe(200);
        const { id } = started.data as { id: string };
        expect(await queued(id), "starting a session puts it on the work queue").toBe(1);
        await until(() => seen.some((u) => u.id === id && u.status === "stopped"), "the runner to finish it");
        expect(runner.runs, "the runner ran it").toEqual([id]);
        expect(
          seen.filter((u) => u.id === id).flatMap((u) => u.fills ?? []).length,
          "every fill the runner recorded reached the owner's socket through Redis",
        ).toBe((await reference()).fills.length);

        const slow = await owner.client.call("paper.start", {
          strategyId,
          dataset: DATASET,
          settings: { barsPerSecond: 2 },
        });
        const slowId = (slow.data as { id: string }).id;
        await until(() => runner.runs.includes(slowId), "the runner to take the slow session");
        expect((await owner.client.call("paper.pause", { id: slowId })).status, "pause").toBe(200);
        await until(async () => {
          const row = await server.services.db.prisma.paperSession.findUniqueOrThrow({
            where: { id: slowId },
          });
          return row.leaseOwner === null;
        }, "the runner to let the paused session go");
        expect((await owner.client.call("paper.resume", { id: slowId })).status, "resume").toBe(200);
        expect(await queued(slowId), "resuming puts the session on the queue again").toBe(2);
        await until(() => countOf(runner.runs, slowId) === 2, "the runner to run the resumed session");
        expect((await owner.client.call("paper.stop", { id: slowId })).status, "stop").toBe(200);
        socket.close();
        await stopRunner(runner);
      } finally {
        await server.close();
      }
    });
  });
});
