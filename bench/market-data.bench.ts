import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { klineEventOf } from "@/engine-runtime/connectors/binance/fake-server";
import { decodeStreamMessage } from "@/engine-runtime/connectors/binance/ws/streams";
import { BarStore } from "@/engine-runtime/connectors/store/bar-store";
import { ColumnCachedBarStore } from "@/engine-runtime/connectors/store/column-files";
import { type BarColumns, barAt, feedColumns } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { type Benchmark, type BenchRow, medianSeconds } from "./harness";

const COUNT = 100_000;

/** Closed 1m kline frames as Binance's combined stream sends them. */
function klineFrames(): string[] {
  const bars = syntheticBars({ count: COUNT, startTime: Date.UTC(2024, 2, 1), intervalMs: 60_000, seed: 42 });
  return Array.from({ length: COUNT }, (_, i) =>
    JSON.stringify({ stream: "btcusdt@kline_1m", data: klineEventOf("BTCUSDT", "1m", barAt(bars, i), true) }),
  );
}

const benchmark: Benchmark = {
  name: "market-data",
  async run() {
    const frames = klineFrames();
    let sink = 0;
    const validated = medianSeconds(
      () => {
        for (const frame of frames) {
          const [message] = decodeStreamMessage(frame, "1m");
          if (message?.type === "bar") sink += message.bar.close;
        }
      },
      5,
      1,
    );
    const parsedOnly = medianSeconds(
      () => {
        for (const frame of frames) sink += Number(JSON.parse(frame).data.k.c);
      },
      5,
      1,
    );
    if (Number.isNaN(sink)) throw new Error("unreachable: keeps the loops from being optimised away");
    return [
      await storeLoad(),
      await columnFileLoad(),
      {
        case: "Binance kline WS payloads → bars (JSON.parse + zod + mapper), 100k frames",
        unit: "payloads/s",
        higherIsBetter: true,
        ours: { subject: "strata", value: COUNT / validated },
        peers: [{ subject: "JSON.parse only", value: COUNT / parsedOnly }],
      },
    ];
  },
};

/**
 * Bars read from the store (embedded PGlite, the default database) into engine columns, against
 * the same bars as one columnar file of Float64 values: the issue asks whether files would be faster.
 * 100k bars, as writing 1M into PGlite alone takes about a minute on this machine.
 */
async function storeLoad(): Promise<BenchRow> {
  const count = 100_000;
  const bars = syntheticBars({ count, startTime: Date.UTC(2020, 0, 1), intervalMs: 60_000, seed: 7 });
  const db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  const dir = await mkdtemp(path.join(tmpdir(), "strata-bench-"));
  try {
    await migrate(db);
    const key = { venue: "bench", symbol: "SYN", timeframe: "1m" as const };
    const file = path.join(dir, "bars.f64");
    await writeFile(file, Buffer.concat(feedColumns(bars).map((column) => Buffer.from(column.buffer))));
    return await db.withConnection(async (connection) => {
      const store = new BarStore(connection);
      await store.write(key, bars);
      const fromStore = await asyncMedian(() => store.read(key, 0, Number.MAX_SAFE_INTEGER), 3);
      const fromFile = await asyncMedian(async () => columnsOf(await readFile(file), count), 5);
      return {
        case: "Stored bars → engine columns (PGlite, 100k bars)",
        unit: "bars/s",
        higherIsBetter: true,
        ours: { subject: "strata", value: count / fromStore },
        peers: [{ subject: "columnar file", value: count / fromFile }],
      };
    });
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What backtests read since the measurement above: the store's column file of the series (one
 * readFile, a checksum, and a count/last-time check against the database), against the same 1M bars
 * aggregated out of PGlite. Writing them into PGlite takes about a minute; it happens once.
 */
async function columnFileLoad(): Promise<BenchRow> {
  const count = 1_000_000;
  const bars = syntheticBars({ count, startTime: Date.UTC(2020, 0, 1), intervalMs: 60_000, seed: 7 });
  const db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  const dir = await mkdtemp(path.join(tmpdir(), "strata-bench-"));
  try {
    await migrate(db);
    const key = { venue: "bench", symbol: "SYN", timeframe: "1m" as const };
    return await db.withConnection(async (connection) => {
      const store = new BarStore(connection);
      const cached = new ColumnCachedBarStore(connection, dir);
      await cached.write(key, bars);
      const all = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const;
      const fromFile = await asyncMedian(() => cached.read(key, ...all), 5);
      const fromStore = await asyncMedian(() => store.read(key, ...all), 3);
      return {
        case: "Column file → engine columns, 1M bars",
        unit: "bars/s",
        higherIsBetter: true,
        ours: { subject: "strata", value: count / fromFile },
        peers: [{ subject: "stored bars (PGlite)", value: count / fromStore }],
      };
    });
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function columnsOf(buffer: Buffer, count: number): BarColumns {
  const values = new Float64Array(buffer.buffer, buffer.byteOffset, count * 6);
  const column = (i: number) => values.slice(i * count, (i + 1) * count);
  return {
    time: column(0),
    open: column(1),
    high: column(2),
    low: column(3),
    close: column(4),
    volume: column(5),
  };
}

async function asyncMedian(fn: () => Promise<unknown>, repeats: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await fn();
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

export default benchmark;
