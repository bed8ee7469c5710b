import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { createStream } from "@/engine-runtime/executor/stream";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { loadDataset } from "@/server/jobs/datasets";
import { testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { money } from "./ledger";
import { sessionWindow } from "./market";
import type { PaperUpdate } from "./runtime";
import { barsOf } from "./session-run";

/**
 * The runtime is killed with SIGKILL in the middle of a session (no shutdown code runs), then
 * started again: the ledger keeps exactly what was committed, the session resumes after its last
 * recorded bar, and the finished ledger equals one uninterrupted run, with no order twice.
 */
const DATASET = "sample:2006-day-001";
const SETTINGS = { run: { initialCash: 20_000, defaultQuantity: 2, commission: { perOrder: 1 } } };
const ENTRY = path.join(import.meta.dirname, "testing", "runtime-entry.ts");

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

function startRuntime(target: string, msPerBar: number) {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, target, String(msPerBar)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const updates: PaperUpdate[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const message = JSON.parse(line) as PaperUpdate;
    if ("id" in message) updates.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const waitFor = (check: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 60_000);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(test);
      };
      test();
    });
  return { child, updates, waitFor };
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

async function ledger(db: Database, sessionId: string) {
  return db.withConnection(async (conn) => ({
    session: (
      await conn.query<{ cash: string; position: string; last_bar_time: string; status: string }>(
        `SELECT cash::text, position::text, last_bar_time::text, status::text FROM paper_sessions WHERE id = $1`,
        [sessionId],
      )
    )[0]!,
    orders: await conn.query<{ client_order_id: string; status: string; placed_at: string }>(
      `SELECT client_order_id, status, placed_at::text FROM paper_orders WHERE session_id = $1 ORDER BY client_order_id`,
      [sessionId],
    ),
    fills: await conn.query<{
      fill_key: string;
      side: string;
      quantity: string;
      price: string;
      time: string;
    }>(
      `SELECT fill_key, side, quantity::text, price::text, time::text FROM paper_fills WHERE session_id = $1 ORDER BY time, fill_key`,
      [sessionId],
    ),
    equityPoints: Number(
      (
        await conn.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM paper_equity WHERE session_id = $1`,
          [sessionId],
        )
      )[0]!.n,
    ),
  }));
}

describe("a paper runtime killed mid-session", () => {
  it("resumes from the persisted ledger and places no order twice", async () => {
    let target: string;
    let open: () => Promise<Database>;
    if (testDatabaseUrl) {
      const scratch = await createScratchDatabase(testDatabaseUrl);
      target = scratch.url;
      open = () => openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR });
      cleanup = () => scratch.drop();
    } else {
      const dir = await mkdtemp(path.join(os.tmpdir(), "strata-paper-crash-"));
      target = dir;
      open = () => openDatabase({ dataDir: dir });
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    const graph = smaCrossoverGraph(5, 20);
    const plan = compile(graph).plan!;
    const bars = await loadDataset(DATASET);
    const window = sessionWindow(bars, plan.warmup)!;

    let db = await open();
    await migrate(db);
    const user = await db.prisma.user.create({
      data: { email: `crash.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    const strategy = await db.prisma.strategy.create({
      data: {
        ownerId: user.id,
        name: "SMA 5/20",
        headVersion: 1,
        versions: {
          create: { number: 1, graph: graph as object, plan: plan as object, createdById: user.id },
        },
      },
      include: { versions: true },
    });
    const sessionId = randomUUID();
    await db.withConnection((conn) =>
      conn.query(
        `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, dataset, symbol, timeframe, settings,
            initial_cash, cash, equity, warmup_from, live_from, updated_at)
         VALUES ($1, $2, $3, $4, 'DAY', '1d', $5, $6, $6, $6, $7, $8, now())`,
        [
          sessionId,
          user.id,
          strategy.versions[0]!.id,
          DATASET,
          JSON.stringify(SETTINGS),
          money(20_000),
          window.warmupFrom,
          window.liveFrom,
        ],
      ),
    );
    await db.close();

    // First life: killed once it has recorded some bars after warm-up and a few fills.
    const first = startRuntime(target, 40);
    await first.waitFor(
      () => first.updates.filter((u) => u.fills?.length).length >= 2 && first.updates.length > 60,
      "the first runtime to trade",
    );
    first.child.kill("SIGKILL");
    await exited(first.child);

    db = await open();
    const atCrash = await ledger(db, sessionId);
    await db.close();
    expect(atCrash.session.status, "a killed runtime leaves its session running, to be resumed").toBe(
      "running",
    );
    expect(atCrash.equityPoints, "one equity point per recorded bar").toBe(
      [...barsOf(bars)].filter((b) => b.time <= Number(atCrash.session.last_bar_time)).length,
    );
    expect(atCrash.equityPoints, "it was killed mid-session").toBeLessThan(bars.time.length);

    // Second life: a new instance takes the session once the dead one's lease expires, and finishes it.
    const second = startRuntime(target, 2);
    await second.waitFor(() => second.updates.some((u) => u.status === "stopped"), "the replay to finish");
    expect(
      Math.min(...second.updates.filter((u) => u.time !== undefined).map((u) => u.time!)),
      "the second life starts right after the last bar the first one committed",
    ).toBeGreaterThan(Number(atCrash.session.last_bar_time));
    second.child.kill("SIGTERM");
    await exited(second.child);

    db = await open();
    const final = await ledger(db, sessionId);
    await db.close();
    for (const row of atCrash.orders) {
      const now = final.orders.find((o) => o.client_order_id === row.client_order_id);
      expect(now?.placed_at, `order ${row.client_order_id} committed before the crash is kept`).toBe(
        row.placed_at,
      );
    }
    for (const fill of atCrash.fills)
      expect(final.fills, "fills committed before the crash are kept").toContainEqual(fill);

    // One uninterrupted stream over the same bars: the ledger must be exactly its outcome.
    const stream = createStream(plan, SETTINGS.run);
    const reference = [...barsOf(bars)].flatMap((bar) => stream.pushBar(bar).fills);
    expect(reference.length, "the strategy trades in this data").toBeGreaterThan(4);
    expect(
      final.fills.map((f) => [Number(f.time), f.side, Number(f.quantity), Number(f.price)]),
      "every fill once, none missing, none twice",
    ).toEqual(reference.map((f) => [f.time, f.side, f.quantity, f.price]));
    expect(new Set(final.orders.map((o) => o.client_order_id)).size).toBe(final.orders.length);
    expect(final.equityPoints, "every bar recorded once across both lives").toBe(bars.time.length);
    const cash = reference.reduce(
      (sum, f) => sum + (f.side === "buy" ? -1 : 1) * f.quantity * f.price - f.commission,
      20_000,
    );
    expect(Number(final.session.cash), "the balance is the fills' sum, each applied once").toBeCloseTo(
      cash,
      6,
    );
  }, 180_000);
});
