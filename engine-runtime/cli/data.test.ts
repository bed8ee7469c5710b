import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { createBinanceConnector } from "../connectors/binance/connector";
import { FakeBinance } from "../connectors/binance/fake-server";
import { MemoryLogger } from "../connectors/core/log";
import { BarStore } from "../connectors/store/bar-store";
import { createUploadConnector } from "../connectors/upload/connector";
import { type DataDeps, runData, uploadedFile } from "./data";
import type { CliIo } from "./main";

let db: Database;
let fake: FakeBinance;
let deps: DataDeps;
const NOW = Date.UTC(2024, 2, 2);

beforeAll(async () => {
  db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  await migrate(db);
  fake = await new FakeBinance().start();
  deps = {
    withStore: (fn) => db.withConnection((connection) => fn(new BarStore(connection))),
    connector: (venue, options) =>
      venue === "binance"
        ? createBinanceConnector({ restUrl: fake.httpUrl }, { logger: new MemoryLogger() })
        : uploadedFile(createUploadConnector, options.text ?? "", options.file ?? ""),
    now: () => NOW,
  };
});
afterAll(async () => {
  await fake?.close();
  await db?.close();
});

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: async (path) => {
      if (!(path in files)) throw new Error("no such file");
      return files[path];
    },
    writeFile: async () => {},
  };
  return { cli, out, err };
}

describe("strata data", () => {
  it("fetches a range into the store, then fetches nothing the second time", async () => {
    const first = io();
    const args = [
      "fetch",
      "binance",
      "BTCUSDT",
      "1m",
      "--from",
      "2024-03-01T00:00",
      "--to",
      "2024-03-01T00:30",
    ];
    expect(await runData(args, first.cli, deps), first.err.join("\n")).toBe(0);
    expect(first.out).toEqual([
      "binance BTCUSDT 1m: 30 bars stored from 2024-03-01 00:00 to 2024-03-01 00:29; fetched 1 missing range.",
    ]);
    const again = io();
    await runData(args, again.cli, deps);
    expect(again.out[0], "the store already covers the range").toMatch(
      /30 bars stored .*; fetched 0 missing ranges\.$/,
    );
  });

  it("imports an uploaded CSV and lists every stored series", async () => {
    const csv = readFileSync(new URL("../../public/samples/2006-day-001.csv", import.meta.url), "utf8");
    const upload = io({ "dax.csv": csv });
    const args = [
      "fetch",
      "upload",
      "DAX",
      "1d",
      "--file",
      "dax.csv",
      "--from",
      "2006-01-01",
      "--to",
      "2007-01-01",
    ];
    expect(await runData(args, upload.cli, deps), upload.err.join("\n")).toBe(0);
    expect(upload.out[0]).toBe(
      "upload DAX 1d: 255 bars stored from 2006-01-02 to 2006-12-29; fetched 1 missing range.",
    );
    const ls = io();
    expect(await runData(["ls"], ls.cli, deps)).toBe(0);
    expect(ls.out).toEqual([
      "venue    symbol   timeframe  bars  first             last              known gaps",
      "binance  BTCUSDT  1m         30    2024-03-01 00:00  2024-03-01 00:29  none",
      "upload   DAX      1d         255   2006-01-02        2006-12-29        none",
    ]);
  });

  it("explains command-line mistakes with exit code 2", async () => {
    const cases: [string[], string][] = [
      [
        ["fetch", "kraken", "BTCUSD", "1m", "--from", "2024-01-01"],
        'Unknown venue "kraken"; use one of alpaca, binance, upload, yahoo.',
      ],
      [
        ["fetch", "binance", "BTCUSDT", "2m", "--from", "2024-01-01"],
        'Unknown timeframe "2m"; use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w.',
      ],
      [["fetch", "binance", "BTCUSDT", "1m"], "--from is required, e.g. --from 2024-01-01."],
      [
        ["fetch", "binance", "BTCUSDT", "1m", "--from", "2024-13-01"],
        '--from "2024-13-01" is not a date (expected YYYY-MM-DD or an ISO time).',
      ],
      [
        ["fetch", "alpaca", "AAPL", "1d", "--from", "2024-01-01"],
        "alpaca needs --key-id and --secret-key (your Alpaca API key).",
      ],
    ];
    for (const [args, message] of cases) {
      const run = io();
      expect(await runData(args, run.cli, deps), args.join(" ")).toBe(2);
      expect(run.err[0].split("\n")[0]).toBe(message);
    }
  });
});
