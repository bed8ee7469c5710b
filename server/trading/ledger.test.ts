import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { clientOrderId, money, OverdraftError, recordFill } from "./ledger";

/**
 * Real PostgreSQL, because PGlite runs one query at a time and cannot show a race: fifty buys
 * land at once on a balance that pays for twelve of them.
 */
describeWithService("paper ledger on PostgreSQL", "TEST_DATABASE_URL", testDatabaseUrl, (url) => {
  let db: Database;
  let drop: () => Promise<void>;
  let sessionId: string;

  beforeAll(async () => {
    const scratch = await createScratchDatabase(url);
    drop = scratch.drop;
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR });
    await migrate(db);
    const user = await db.prisma.user.create({
      data: { email: `race.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    const strategy = await db.prisma.strategy.create({
      data: {
        ownerId: user.id,
        name: "race",
        headVersion: 1,
        versions: { create: { number: 1, graph: {}, createdById: user.id } },
      },
      include: { versions: true },
    });
    sessionId = randomUUID();
    await db.withConnection(async (conn) => {
      await conn.query(
        `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, dataset, symbol, timeframe, settings,
            initial_cash, cash, equity, warmup_from, live_from, updated_at)
         VALUES ($1, $2, $3, 'sample:x', 'X', '1d', '{}', $4, $4, $4, 0, 0, now())`,
        [sessionId, user.id, strategy.versions[0]!.id, money(1_000)],
      );
      for (let i = 0; i < 50; i++) {
        await conn.query(
          `INSERT INTO paper_orders (id, session_id, client_order_id, rule, action, order_type, purpose, status, placed_at, updated_at)
           VALUES ($1, $2, $3, 0, 'enterLong', 'market', 'entry', 'accepted', $4, $4)`,
          [randomUUID(), sessionId, clientOrderId(sessionId, i, 0, 0), i],
        );
      }
    });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("never overdraws one paper balance under 50 concurrent fills", async () => {
    // Each buy costs 80 + 0.5 fee = 80.5; 1000 pays for 12 (966), the 13th would leave -0.5.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        recordFill(db, sessionId, {
          clientOrderId: clientOrderId(sessionId, i, 0, 0),
          sequence: 0,
          fill: {
            bar: i,
            time: i,
            orderId: i + 1,
            side: "buy",
            quantity: 1,
            price: 80,
            commission: 0.5,
            purpose: "entry",
          },
        }),
      ),
    );
    const filled = outcomes.filter((o) => o.status === "fulfilled").length;
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(filled, "exactly as many buys as the cash pays for").toBe(12);
    expect(
      refused.every((o) => o.reason instanceof OverdraftError),
      "the others are refused as overdrafts, not lost to errors",
    ).toBe(true);
    const [row] = await db.withConnection((conn) =>
      conn.query<{ cash: string; position: string; fills: string }>(
        `SELECT cash::text, position::text, (SELECT count(*) FROM paper_fills WHERE session_id = $1)::text AS fills
           FROM paper_sessions WHERE id = $1`,
        [sessionId],
      ),
    );
    expect(row, "cash 1000 − 12 × 80.5; refused fills leave no row (their transaction rolled back)").toEqual({
      cash: "34.00000000",
      position: "12.00000000",
      fills: "12",
    });

    const again = await recordFill(db, sessionId, {
      clientOrderId: clientOrderId(sessionId, 0, 0, 0),
      sequence: 0,
      fill: {
        bar: 0,
        time: 0,
        orderId: 1,
        side: "buy",
        quantity: 1,
        price: 80,
        commission: 0.5,
        purpose: "entry",
      },
    }).catch((error: unknown) => error);
    expect(again, "a fill already recorded is recorded once: no second charge").toBe(false);
  });
});
