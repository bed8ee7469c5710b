import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { BarStore, type SeriesKey, type SqlRunner } from "./bar-store";
import { ColumnCachedBarStore, columnFilePath, decodeColumnFile, encodeColumnFile } from "./column-files";

const MINUTE = 60_000;
const t0 = Date.UTC(2024, 2, 1);
const bars = syntheticBars({ count: 500, startTime: t0, intervalMs: MINUTE, seed: 11 });
const ALL: [number, number] = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

let db: Database;
let sql: SqlRunner;
let dir: string;

beforeAll(async () => {
  db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  await migrate(db);
  sql = { query: (text, params) => db.withConnection((c) => c.query(text, params)) };
  dir = await mkdtemp(path.join(tmpdir(), "strata-columns-"));
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const plain = (columns: BarColumns) =>
  Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.from(v)]));

async function seeded(
  symbol: string,
): Promise<{ key: SeriesKey; store: ColumnCachedBarStore; file: string }> {
  const key = { venue: "test", symbol, timeframe: "1m" as const };
  const store = new ColumnCachedBarStore(sql, dir);
  await store.write(key, bars);
  return { key, store, file: columnFilePath(dir, key) };
}

describe("column files", () => {
  it("round-trips a series exactly, and a range read equals the database's", async () => {
    const { key, store, file } = await seeded("ROUND/TRIP");
    const database = new BarStore(sql);
    expect(plain(await store.read(key, ...ALL)), "first read builds the file from the database").toEqual(
      plain(await database.read(key, ...ALL)),
    );
    const decoded = decodeColumnFile(await readFile(file), key);
    expect(decoded?.header.count, "the file holds every bar").toBe(500);
    expect(plain(decoded!.bars), "the file's columns are the stored doubles, bit for bit").toEqual(
      plain(bars),
    );
    const from = t0 + 100 * MINUTE;
    const to = t0 + 250 * MINUTE + 1;
    expect(plain(await store.read(key, from, to)), "[from, to) sliced from the file").toEqual(
      plain(await database.read(key, from, to)),
    );
  });

  it("rejects a corrupted or truncated file and rebuilds it from the database", async () => {
    const { key, store, file } = await seeded("CORRUPT");
    await store.read(key, ...ALL);
    const good = await readFile(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 3] ^= 0x40;
    expect(decodeColumnFile(flipped, key), "one flipped bit in a column fails the checksum").toBeNull();
    expect(
      decodeColumnFile(good.subarray(0, good.length - 8), key),
      "a missing value fails the size",
    ).toBeNull();
    expect(decodeColumnFile(good, { ...key, symbol: "OTHER" }), "another series' file is refused").toBeNull();

    await writeFile(file, flipped);
    expect(plain(await store.read(key, ...ALL)), "the corrupted file is never served").toEqual(plain(bars));
    expect((await readFile(file)).equals(good), "the rebuilt file is the good one again").toBe(true);

    await writeFile(file, good.subarray(0, 1000));
    expect(plain(await store.read(key, ...ALL)), "the truncated file is never served").toEqual(plain(bars));
    expect((await stat(file)).size, "rebuilt to full size").toBe(good.length);
  });

  it("ignores a file that disagrees with the database's bar count or last time", async () => {
    const { key, store, file } = await seeded("STALE");
    const half = {
      time: bars.time.subarray(0, 250),
      open: bars.open.subarray(0, 250),
      high: bars.high.subarray(0, 250),
      low: bars.low.subarray(0, 250),
      close: bars.close.subarray(0, 250),
      volume: bars.volume.subarray(0, 250),
    };
    await store.read(key, ...ALL);
    // Written as another process would have before the database gained bars 250–499.
    await writeFile(file, encodeColumnFile(key, half));
    const read = await store.read(key, ...ALL);
    expect(read.time.length, "250 bars in the file, 500 in the database: the database wins").toBe(500);
    expect(decodeColumnFile(await readFile(file), key)?.header.count, "and the file is rebuilt").toBe(500);
  });

  it("invalidates the file on every write to the series", async () => {
    const { key, store, file } = await seeded("REVISED");
    await store.read(key, ...ALL);
    const revisedClose = Float64Array.from(bars.close.subarray(499), (c) => c * 2);
    await store.write(key, { ...sliceLast(bars), close: revisedClose });
    await expect(stat(file), "the write removed the file").rejects.toThrow(/ENOENT/);
    const read = await store.read(key, ...ALL);
    expect(read.time.length, "a revision of the last bar keeps the count").toBe(500);
    expect(read.close[499], "the revised close, not the cached one").toBe(revisedClose[0]);
    expect(decodeColumnFile(await readFile(file), key)?.bars.close[499], "rebuilt with the revision").toBe(
      revisedClose[0],
    );
  });

  it("concurrent readers never see a half-written file", async () => {
    const { key, store, file } = await seeded("CONCURRENT");
    const rebuilders = Array.from({ length: 4 }, () => new ColumnCachedBarStore(sql, dir));
    let watching = true;
    let seen = 0;
    const watcher = (async () => {
      while (watching) {
        const content = await readFile(file).catch(() => null);
        if (content) {
          seen++;
          expect(
            decodeColumnFile(content, key),
            "every file visible at the final path is complete",
          ).not.toBeNull();
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let round = 0; round < 3; round++) {
      await store.write(key, sliceLast(bars));
      const reads = await Promise.all(rebuilders.map((r) => r.read(key, ...ALL)));
      for (const read of reads) expect(plain(read), "each reader gets the whole series").toEqual(plain(bars));
    }
    watching = false;
    await watcher;
    expect(seen, "the watcher did observe files while they were rewritten").toBeGreaterThan(0);
  });
});

function sliceLast(columns: BarColumns): BarColumns {
  const n = columns.time.length;
  return {
    time: columns.time.subarray(n - 1),
    open: columns.open.subarray(n - 1),
    high: columns.high.subarray(n - 1),
    low: columns.low.subarray(n - 1),
    close: columns.close.subarray(n - 1),
    volume: columns.volume.subarray(n - 1),
  };
}
