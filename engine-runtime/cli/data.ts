import { TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";
import type { Connector } from "../connectors/core/types";
import type { BarStore } from "../connectors/store/bar-store";
import { parseTimestamp } from "../data/csv";
import type { CliIo } from "./main";

const VENUES = ["alpaca", "binance", "upload", "yahoo"] as const;
type Venue = (typeof VENUES)[number];

const USAGE = `Usage:
  strata data fetch <venue> <symbol> <timeframe> --from YYYY-MM-DD [--to YYYY-MM-DD]
      venues: ${VENUES.join(", ")}; timeframes: ${TIMEFRAMES.join(", ")}
      alpaca needs --key-id and --secret-key; upload needs --file prices.csv
  strata data ls                 list stored series with their coverage and known gaps`;

/** What the command needs from outside; tests pass an in-memory store and fake venues. */
export interface DataDeps {
  withStore<T>(fn: (store: BarStore) => Promise<T>): Promise<T>;
  connector(
    venue: Venue,
    options: { keyId?: string; secretKey?: string; file?: string; text?: string },
  ): Connector;
  now(): number;
}

/**
 * `strata data fetch|ls`: fills the bar store from a venue (only the ranges it lacks) and lists what
 * it holds. Exit codes: 0 done, 1 the venue or the store failed, 2 a problem with the command line.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  return runData(args, io, await defaultDeps());
}

export async function runData(args: string[], io: CliIo, deps: DataDeps): Promise<number> {
  const [action, ...rest] = args;
  if (action === "ls") return list(io, deps);
  if (action !== "fetch") {
    io.err(`${action ? `Unknown data command "${action}". ` : ""}${USAGE}`);
    return 2;
  }
  const parsed = parseFetch(rest, deps.now());
  if (typeof parsed === "string") {
    io.err(`${parsed}\n${USAGE}`);
    return 2;
  }
  const { venue, symbol, timeframe, from, to, flags } = parsed;
  let text: string | undefined;
  if (venue === "upload") {
    try {
      text = await io.readFile(flags.file ?? "");
    } catch (error) {
      io.err(`The file ${flags.file} cannot be read (${(error as Error).message}).`);
      return 1;
    }
  }
  const connector = deps.connector(venue, {
    keyId: flags["key-id"],
    secretKey: flags["secret-key"],
    file: flags.file,
    text,
  });
  const result = await deps.withStore((store) =>
    store.sync(connector, symbol, timeframe, from, to, deps.now()),
  );
  const stored = result.bars.time.length;
  const span =
    stored > 0
      ? ` from ${stamp(result.bars.time[0], timeframe)} to ${stamp(result.bars.time[stored - 1], timeframe)}`
      : "";
  const ranges = result.fetched.length;
  io.out(
    `${venue} ${symbol} ${timeframe}: ${stored} bars stored${span}; fetched ${ranges} missing range${ranges === 1 ? "" : "s"}.`,
  );
  return 0;
}

async function list(io: CliIo, deps: DataDeps): Promise<number> {
  const series = await deps.withStore((store) => store.list());
  if (series.length === 0) {
    io.out(
      "No market data stored yet. Fetch some with: strata data fetch binance BTCUSDT 1h --from 2024-01-01",
    );
    return 0;
  }
  const rows = series.map((s) => [
    s.venue,
    s.symbol,
    s.timeframe,
    String(s.bars),
    s.first === null ? "—" : stamp(s.first, s.timeframe),
    s.last === null ? "—" : stamp(s.last, s.timeframe),
    s.gaps.length === 0
      ? "none"
      : s.gaps.map((g) => `${stamp(g.from, s.timeframe)}…${stamp(g.to, s.timeframe)}`).join(", "),
  ]);
  const header = ["venue", "symbol", "timeframe", "bars", "first", "last", "known gaps"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows])
    io.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
  return 0;
}

function parseFetch(args: string[], now: number) {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith("--")) {
      positional.push(args[i]);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) return `${args[i]} needs a value.`;
    flags[args[i].slice(2)] = value;
    i++;
  }
  const [venue, symbol, timeframe] = positional;
  if (!venue || !symbol || !timeframe) return "data fetch needs a venue, a symbol and a timeframe.";
  if (!(VENUES as readonly string[]).includes(venue))
    return `Unknown venue "${venue}"; use one of ${VENUES.join(", ")}.`;
  if (!(TIMEFRAMES as readonly string[]).includes(timeframe)) {
    return `Unknown timeframe "${timeframe}"; use one of ${TIMEFRAMES.join(", ")}.`;
  }
  if (!flags.from) return "--from is required, e.g. --from 2024-01-01.";
  const from = parseTimestamp(flags.from);
  if (Number.isNaN(from)) return `--from "${flags.from}" is not a date (expected YYYY-MM-DD or an ISO time).`;
  const to = flags.to ? parseTimestamp(flags.to) : now;
  if (Number.isNaN(to)) return `--to "${flags.to}" is not a date (expected YYYY-MM-DD or an ISO time).`;
  if (to <= from) return `--to must be after --from.`;
  if (venue === "alpaca" && (!flags["key-id"] || !flags["secret-key"])) {
    return "alpaca needs --key-id and --secret-key (your Alpaca API key).";
  }
  if (venue === "upload" && !flags.file) return "upload needs --file with the CSV to import.";
  return { venue: venue as Venue, symbol, timeframe: timeframe as Timeframe, from, to, flags };
}

/** Dates for daily and weekly bars, minutes for the rest, always UTC. */
function stamp(time: number, timeframe: Timeframe): string {
  const iso = new Date(time).toISOString();
  return timeframe === "1d" || timeframe === "1w"
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The real store (the configured database) and venues; loaded only when the command runs. */
async function defaultDeps(): Promise<DataDeps> {
  const [{ parseEnv }, { openDatabase }, { migrate }, { BarStore }] = await Promise.all([
    import("../../server/env"),
    import("../../server/db/client"),
    import("../../server/db/migrate"),
    import("../connectors/store/bar-store"),
  ]);
  const [
    { createBinanceConnector },
    { createAlpacaConnector },
    { createYahooConnector },
    { createUploadConnector },
  ] = await Promise.all([
    import("../connectors/binance/connector"),
    import("../connectors/alpaca/connector"),
    import("../connectors/yahoo/connector"),
    import("../connectors/upload/connector"),
  ]);
  return {
    async withStore(fn) {
      const env = parseEnv();
      const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATA_DATA_DIR });
      try {
        await migrate(db);
        return await db.withConnection((connection) => fn(new BarStore(connection)));
      } finally {
        await db.close();
      }
    },
    connector(venue, options) {
      if (venue === "binance") return createBinanceConnector();
      if (venue === "yahoo") return createYahooConnector();
      if (venue === "alpaca") {
        return createAlpacaConnector({ keyId: options.keyId ?? "", secretKey: options.secretKey ?? "" });
      }
      return uploadedFile(createUploadConnector, options.text ?? "", options.file ?? "the file");
    },
    now: () => Date.now(),
  };
}

/** The upload venue as a connector over one file: every symbol and timeframe read from it. */
export function uploadedFile(
  create: typeof import("../connectors/upload/connector").createUploadConnector,
  text: string,
  file: string,
): Connector {
  const uploads = create();
  return {
    venue: "upload",
    async history(symbol, timeframe, from, to) {
      const result = uploads.upload(symbol, timeframe, text, file);
      if (!result.ok) throw new Error(result.message);
      return uploads.history(symbol, timeframe, from, to);
    },
  };
}
