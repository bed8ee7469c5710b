import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { createAlpacaConnector } from "@/engine-runtime/connectors/alpaca/connector";
import { createBinanceConnector } from "@/engine-runtime/connectors/binance/connector";
import type { Connector } from "@/engine-runtime/connectors/core/types";
import {
  BarStore,
  type SeriesKey,
  type SqlRunner,
  type TimeRange,
} from "@/engine-runtime/connectors/store/bar-store";
import { ColumnCachedBarStore } from "@/engine-runtime/connectors/store/column-files";
import { createUploadConnector } from "@/engine-runtime/connectors/upload/connector";
import { createYahooConnector } from "@/engine-runtime/connectors/yahoo/connector";
import { type BarColumns, emptyBars, sliceBars } from "@/engine-runtime/data/bars";
import { describeProblems, parseBarsCsv } from "@/engine-runtime/data/csv";
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";
import type { Bus } from "@/server/bus/bus";
import { type Database, MEMORY_DATA_DIR } from "@/server/db/client";
import { USER_EVENTS_TOPIC, type UserEvent } from "@/server/realtime/events";
import type { SecretBox } from "@/server/security/secrets";
import { type ApiKey, CredentialVault } from "./credentials";
import { HotBars } from "./hot-cache";
import { parseDatasetId, uploadDatasetId, venueDatasetId } from "./ids";
import { sampleBars, sampleSummaries } from "./samples";
import { ConnectorStatusBoard, type VenueStatus } from "./status";
import { withProgress } from "./sync";
import {
  createMemoryUploadParts,
  createRedisUploadParts,
  inferTimeframe,
  UploadPartError,
  type UploadParts,
} from "./uploads";

/** Venues a user can add symbols from. */
export const SYNC_VENUES = ["binance", "alpaca", "yahoo"] as const;
export type SyncVenue = (typeof SYNC_VENUES)[number];

export type ConnectorFactory = (venue: SyncVenue, key: ApiKey | null, log: Logger) => Connector;

/** A row of the Data page and of every dataset picker. */
export interface DatasetSummary {
  id: string;
  name: string;
  source: "sample" | "upload" | SyncVenue | string;
  symbol: string | null;
  timeframe: string;
  bars: number;
  first: number | null;
  last: number | null;
  coverage: TimeRange[];
  gaps: (TimeRange & { reason: string })[];
  status: "ready" | "syncing" | "failed";
  error: string | null;
  description: string | null;
  /** Samples belong to everyone and cannot be deleted. */
  deletable: boolean;
}

/** What a user sees over `data:sync` while a symbol is fetched. */
export interface DataSyncUpdate {
  id: string;
  status: "syncing" | "ready" | "failed";
  progress: number;
  bars: number;
  message: string;
}

/** A refusal with a sentence for the user; routers turn `code` into the HTTP status. */
export class DataError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

export const NOT_YOURS = "This dataset does not exist or is not yours.";
/** Database bounds standing for "from the start" and "to the end". */
const EARLIEST = Number.MIN_SAFE_INTEGER;
const LATEST = Number.MAX_SAFE_INTEGER;

interface DatasetRow {
  id: string;
  name: string;
  status: string;
  error: string | null;
  from: number | null;
  to: number | null;
  seriesId: string;
  venue: string;
  symbol: string;
  timeframe: Timeframe;
}

export interface DataServicesOptions {
  db: Database;
  redis: Redis | null;
  bus: Bus;
  log: Logger;
  box: SecretBox;
  connectors?: ConnectorFactory;
  /** STRATA_DATA_DIR: bars read by backtests are cached there as column files (not in memory://). */
  dataDir?: string;
}

/**
 * Users' market data: the datasets in their list (bundled samples, uploaded files, venue symbols),
 * uploads, syncs from venues with progress, their encrypted API keys, and venue status. Bars live
 * in the BarStore; with Redis, recent bars of each series are also kept hot there.
 */
export class DataServices {
  readonly store: BarStore;
  readonly credentials: CredentialVault;
  readonly statusBoard = new ConnectorStatusBoard();
  readonly hot: HotBars | null;
  /** Replaceable so tests can point venues at fake servers. */
  connectors: ConnectorFactory;
  readonly #parts: UploadParts;
  readonly #syncs = new Map<string, Promise<void>>();
  #closed = false;

  constructor(private readonly options: DataServicesOptions) {
    const { db, redis } = options;
    // A connection per statement, so a long sync never holds a pooled client between venue calls.
    const sql: SqlRunner = { query: (text, params) => db.withConnection((c) => c.query(text, params)) };
    const { dataDir } = options;
    this.store =
      dataDir && dataDir !== MEMORY_DATA_DIR
        ? new ColumnCachedBarStore(sql, path.join(dataDir, "columns"))
        : new BarStore(sql);
    this.credentials = new CredentialVault(db, options.box);
    this.hot = redis ? new HotBars(redis) : null;
    this.#parts = redis ? createRedisUploadParts(redis) : createMemoryUploadParts();
    this.connectors = options.connectors ?? defaultConnectors;
  }

  /** Syncs left running by a process that stopped cannot finish; say so on their rows. */
  async recoverInterrupted(): Promise<number> {
    const { count } = await this.options.db.prisma.userDataset.updateMany({
      where: { status: "syncing" },
      data: {
        status: "failed",
        error: "Strata restarted during the download. Add the symbol again to resume.",
      },
    });
    return count;
  }

  async list(ownerId: string): Promise<DatasetSummary[]> {
    const rows = await this.#rows(ownerId);
    const users = await Promise.all(rows.map((row) => this.#summary(row)));
    return [...users, ...(await sampleSummaries())];
  }

  /** The owner's dataset (or a sample) by id; null when it does not exist or is someone else's. */
  async find(ownerId: string, id: string): Promise<DatasetSummary | null> {
    const ref = parseDatasetId(id);
    if (!ref) return null;
    if (ref.kind === "sample") return (await sampleSummaries()).find((s) => s.id === id) ?? null;
    const row = await this.#row(ownerId, id);
    return row ? this.#summary(row) : null;
  }

  /**
   * A dataset's bars, owner-checked: all of them, or the newest `last`. Reads go through the
   * Redis hot cache when configured.
   */
  async load(ownerId: string, id: string, options: { last?: number } = {}): Promise<BarColumns> {
    const ref = parseDatasetId(id);
    if (ref?.kind === "sample") {
      const bars = await sampleBars(id);
      if (!bars) throw new DataError("NOT_FOUND", `There is no dataset "${id}".`);
      return tail(bars, options.last);
    }
    const row = ref ? await this.#row(ownerId, id) : null;
    if (!row) throw new DataError("NOT_FOUND", NOT_YOURS);
    const key = keyOf(row);
    const from = row.from ?? EARLIEST;
    const to = row.to ?? LATEST;
    if (this.hot) {
      const cached = options.last
        ? await this.hot.tail(row.seriesId, to, options.last)
        : await this.hot.read(row.seriesId, from, to);
      if (cached) return cached;
    }
    const bars = await this.store.read(key, from, to);
    await this.hot?.keep(row.seriesId, bars, from, to);
    return tail(bars, options.last);
  }

  /**
   * Receives one part of a CSV; after the last part, stores the file as a dataset. A file sent
   * whole is one part of one.
   */
  async upload(
    ownerId: string,
    input: {
      name: string;
      text: string;
      uploadId: string;
      part: number;
      parts: number;
      timeframe?: Timeframe;
    },
  ): Promise<DatasetSummary | null> {
    let text: string | null;
    try {
      text = await this.#parts.add(`${ownerId}:${input.uploadId}`, input.part, input.parts, input.text);
    } catch (error) {
      if (error instanceof UploadPartError) throw new DataError("BAD_REQUEST", error.message);
      throw error;
    }
    if (text === null) return null;
    const parsed = parseBarsCsv(text);
    if (!parsed.ok) throw new DataError("BAD_REQUEST", describeProblems(parsed.problems, input.name));
    const timeframe = input.timeframe ?? inferTimeframe(parsed.bars);
    if (!timeframe) {
      throw new DataError(
        "BAD_REQUEST",
        `The bars in ${input.name} are not spaced at a timeframe Strata knows (${TIMEFRAMES.join(", ")}); choose the file's timeframe and upload it again.`,
      );
    }
    const rowId = randomUUID();
    let bars = parsed.bars;
    if (input.timeframe) {
      // The upload venue checks that no two bars are closer than the timeframe chosen.
      const checked = createUploadConnector().upload(rowId, timeframe, text, input.name);
      if (!checked.ok) throw new DataError("BAD_REQUEST", checked.message);
      bars = checked.bars;
    }
    const key: SeriesKey = { venue: "upload", symbol: rowId, timeframe };
    const n = bars.time.length;
    await this.store.write(key, bars, { from: bars.time[0], to: bars.time[n - 1] + TIMEFRAME_MS[timeframe] });
    const seriesId = await this.#seriesId(key);
    await this.options.db.prisma.userDataset.create({
      data: { id: rowId, ownerId, seriesId, name: input.name },
    });
    this.options.log.info({ ownerId, dataset: rowId, bars: n }, "stored an uploaded dataset");
    return (await this.find(ownerId, uploadDatasetId(rowId)))!;
  }

  async remove(ownerId: string, id: string): Promise<void> {
    const row = await this.#row(ownerId, id);
    if (!row) throw new DataError("NOT_FOUND", NOT_YOURS);
    const { prisma } = this.options.db;
    // An upload's series is its own; a venue series stays for other users and later adds.
    if (row.venue === "upload") await prisma.marketSeries.delete({ where: { id: row.seriesId } });
    else await prisma.userDataset.delete({ where: { id: row.id } });
    await this.hot?.forget(row.seriesId);
  }

  /**
   * Adds a venue symbol to the owner's list and fetches its bars in the background (only what the
   * store lacks); progress goes to the owner's browsers as `data:sync` events.
   */
  async addSymbol(
    ownerId: string,
    input: { venue: SyncVenue; symbol: string; timeframe: Timeframe; from: number; to: number },
  ): Promise<{ id: string }> {
    if (this.#closed) throw new DataError("CONFLICT", "Strata is shutting down; try again in a moment.");
    const key: SeriesKey = { venue: input.venue, symbol: input.symbol, timeframe: input.timeframe };
    const id = venueDatasetId(input.venue, input.symbol, input.timeframe);
    let apiKey: ApiKey | null = null;
    if (input.venue === "alpaca") {
      apiKey = await this.credentials.reveal(ownerId, "alpaca");
      if (!apiKey) {
        throw new DataError(
          "BAD_REQUEST",
          "venue: Alpaca needs your API key; add it under API keys, then add the symbol again.",
        );
      }
    }
    const seriesId = await this.#seriesId(key, true);
    const syncKey = `${ownerId}:${seriesId}`;
    if (this.#syncs.has(syncKey)) {
      throw new DataError(
        "CONFLICT",
        `${input.symbol} ${input.timeframe} is already downloading; wait for it to finish.`,
      );
    }
    const { prisma } = this.options.db;
    const existing = await prisma.userDataset.findUnique({
      where: { ownerId_seriesId: { ownerId, seriesId } },
    });
    // Adding a symbol again widens its range to cover both requests.
    const from = Math.min(
      input.from,
      existing?.from === null || !existing ? input.from : Number(existing.from),
    );
    const to = Math.max(input.to, existing?.to === null || !existing ? input.to : Number(existing.to));
    const name = `${input.symbol} · ${venueTitle(input.venue)} ${input.timeframe}`;
    await prisma.userDataset.upsert({
      where: { ownerId_seriesId: { ownerId, seriesId } },
      create: { ownerId, seriesId, name, from: BigInt(from), to: BigInt(to), status: "syncing" },
      update: { from: BigInt(from), to: BigInt(to), status: "syncing", error: null },
    });
    const connector = this.connectors(input.venue, apiKey, this.options.log);
    const run = this.#sync(ownerId, id, seriesId, connector, key, from, to).finally(() =>
      this.#syncs.delete(syncKey),
    );
    this.#syncs.set(syncKey, run);
    return { id };
  }

  /** Each venue's state for this user: a live feed's status, the last sync's outcome, or what to do. */
  async status(ownerId: string): Promise<VenueStatus[]> {
    const keys = await this.credentials.list(ownerId);
    return SYNC_VENUES.map((venue) => {
      const known = this.statusBoard.get(ownerId, venue);
      if (venue === "alpaca") {
        const key = keys.find((k) => k.venue === "alpaca");
        if (!key) {
          return {
            venue,
            state: "needs-key",
            detail: "Add your Alpaca API key to fetch US stocks and crypto.",
            at: known?.at ?? 0,
          };
        }
        return known ?? { venue, state: "ready", detail: `Uses your key ending in ${key.last4}.`, at: 0 };
      }
      return known ?? { venue, state: "ready", detail: "Public market data; no key needed.", at: 0 };
    });
  }

  /** Waits briefly for running downloads; the rest are marked failed by the next start. */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    await Promise.race([
      Promise.allSettled(this.#syncs.values()),
      new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
    ]);
  }

  async #sync(
    ownerId: string,
    id: string,
    seriesId: string,
    connector: Connector,
    key: SeriesKey,
    from: number,
    to: number,
  ): Promise<void> {
    const { prisma } = this.options.db;
    const label = `${key.symbol} ${key.timeframe}`;
    this.statusBoard.set(ownerId, key.venue, "syncing", `Downloading ${label}.`);
    try {
      const step = TIMEFRAME_MS[key.timeframe];
      const now = Date.now();
      const missing = await this.store.missing(key, from, Math.min(to, Math.floor(now / step) * step));
      const total = missing.reduce((sum, range) => sum + range.to - range.from, 0);
      await this.#emit(ownerId, {
        id,
        status: "syncing",
        progress: 0,
        bars: 0,
        message: `Downloading ${label}…`,
      });
      const reporting = withProgress(connector, total, (progress, bars) => {
        void this.#emit(ownerId, {
          id,
          status: "syncing",
          progress,
          bars,
          message: `Downloaded ${bars.toLocaleString("en")} bars of ${label}.`,
        });
      });
      const { bars } = await this.store.sync(reporting, key.symbol, key.timeframe, from, to, now);
      await this.hot?.forget(seriesId);
      await prisma.userDataset.updateMany({
        where: { ownerId, seriesId },
        data: { status: "ready", error: null },
      });
      const message = `${label} is ready: ${bars.time.length.toLocaleString("en")} bars stored.`;
      this.statusBoard.set(ownerId, key.venue, "ready", message);
      await this.#emit(ownerId, { id, status: "ready", progress: 1, bars: bars.time.length, message });
    } catch (error) {
      const message = `Downloading ${label} from ${venueTitle(key.venue)} failed: ${failureReason(error, venueTitle(key.venue))}`;
      this.options.log.warn({ ownerId, venue: key.venue, symbol: key.symbol, err: error }, "a sync failed");
      this.statusBoard.set(ownerId, key.venue, "failed", message);
      await prisma.userDataset
        .updateMany({ where: { ownerId, seriesId }, data: { status: "failed", error: message } })
        .catch(() => {});
      await this.#emit(ownerId, { id, status: "failed", progress: 0, bars: 0, message });
    }
  }

  async #emit(userId: string, update: DataSyncUpdate): Promise<void> {
    const event: UserEvent = { userId, event: "data:sync", payload: update };
    await this.options.bus
      .publish(USER_EVENTS_TOPIC, event)
      .catch((err) => this.options.log.warn({ err }, "could not publish a sync update"));
  }

  async #seriesId(key: SeriesKey, create = false): Promise<string> {
    if (create) await this.store.write(key, emptyBars(0));
    const series = await this.options.db.prisma.marketSeries.findUniqueOrThrow({
      where: { venue_symbol_timeframe: { venue: key.venue, symbol: key.symbol, timeframe: key.timeframe } },
      select: { id: true },
    });
    return series.id;
  }

  async #rows(ownerId: string, where: { rowId?: string; key?: SeriesKey } = {}): Promise<DatasetRow[]> {
    const rows = await this.options.db.prisma.userDataset.findMany({
      where: {
        ownerId,
        ...(where.rowId ? { id: where.rowId } : {}),
        ...(where.key
          ? { series: { venue: where.key.venue, symbol: where.key.symbol, timeframe: where.key.timeframe } }
          : {}),
      },
      orderBy: { createdAt: "desc" },
      include: { series: { select: { venue: true, symbol: true, timeframe: true } } },
    });
    return rows.map(({ series, from, to, ...row }) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      error: row.error,
      seriesId: row.seriesId,
      from: from === null ? null : Number(from),
      to: to === null ? null : Number(to),
      venue: series.venue,
      symbol: series.symbol,
      timeframe: series.timeframe as Timeframe,
    }));
  }

  async #row(ownerId: string, id: string): Promise<DatasetRow | null> {
    const ref = parseDatasetId(id);
    if (!ref || ref.kind === "sample") return null;
    const rows =
      ref.kind === "upload"
        ? (await this.#rows(ownerId, { rowId: ref.rowId })).filter((row) => row.venue === "upload")
        : await this.#rows(ownerId, {
            key: { venue: ref.venue, symbol: ref.symbol, timeframe: ref.timeframe },
          });
    return rows[0] ?? null;
  }

  async #summary(row: DatasetRow): Promise<DatasetSummary> {
    const from = row.from ?? EARLIEST;
    const to = row.to ?? LATEST;
    const [stats] = await this.options.db.withConnection((c) =>
      c.query<{ bars: number; first: number | null; last: number | null }>(
        `SELECT count(*)::int AS "bars", min("time")::float8 AS "first", max("time")::float8 AS "last"
         FROM "market_bars" WHERE "series_id" = $1 AND "time" >= $2 AND "time" < $3`,
        [row.seriesId, from, to],
      ),
    );
    const upload = row.venue === "upload";
    const key = keyOf(row);
    const step = TIMEFRAME_MS[row.timeframe];
    const until = Math.min(to, Math.floor(Date.now() / step) * step);
    const holes = await this.store.missing(key, from, until);
    const coverage: TimeRange[] = [];
    let cursor = from;
    for (const hole of [...holes, { from: until, to: until }]) {
      if (hole.from > cursor) coverage.push({ from: cursor, to: hole.from });
      cursor = Math.max(cursor, hole.to);
    }
    const known = await this.options.db.withConnection((c) =>
      c.query<TimeRange & { reason: string }>(
        `SELECT greatest("from_time", $2)::float8 AS "from", least("to_time", $3)::float8 AS "to", "reason"
         FROM "market_gaps" WHERE "series_id" = $1 AND "to_time" > $2 AND "from_time" < $3 ORDER BY "from_time"`,
        [row.seriesId, from, to],
      ),
    );
    const notFetched = upload || row.status === "syncing" ? [] : holes;
    return {
      id: upload ? uploadDatasetId(row.id) : venueDatasetId(row.venue, row.symbol, row.timeframe),
      name: row.name,
      source: row.venue,
      symbol: upload ? null : row.symbol,
      timeframe: row.timeframe,
      bars: stats.bars,
      first: stats.first,
      last: stats.last,
      coverage,
      gaps: [...known, ...notFetched.map((h) => ({ ...h, reason: "not downloaded yet" }))].sort(
        (a, b) => a.from - b.from,
      ),
      status: row.status as DatasetSummary["status"],
      error: row.error,
      description: null,
      deletable: true,
    };
  }
}

function keyOf(row: DatasetRow): SeriesKey {
  return { venue: row.venue, symbol: row.symbol, timeframe: row.timeframe };
}

function tail(bars: BarColumns, last: number | undefined): BarColumns {
  const n = bars.time.length;
  return last && last < n ? sliceBars(bars, n - last, n) : bars;
}

export function venueTitle(venue: string): string {
  return venue === "binance"
    ? "Binance"
    : venue === "alpaca"
      ? "Alpaca"
      : venue === "yahoo"
        ? "Yahoo Finance"
        : venue;
}

const defaultConnectors: ConnectorFactory = (venue, key, log) => {
  const deps = { logger: log };
  if (venue === "binance") return createBinanceConnector({}, deps);
  if (venue === "yahoo") return createYahooConnector({}, deps);
  return createAlpacaConnector({ keyId: key?.keyId ?? "", secretKey: key?.secretKey ?? "" }, deps);
};

/**
 * Why a download failed, in a sentence a trader can act on: the network's own error codes
 * ("getaddrinfo ENOTFOUND api.binance.com") say little to anyone but a programmer.
 */
export function failureReason(error: unknown, venue: string): string {
  const code = networkCode(error);
  const retry = "then add the symbol again to retry.";
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${venue} could not be found on the network. Check this computer's internet connection, ${retry}`;
    case "ECONNREFUSED":
      return `${venue} refused the connection. Check that nothing (a firewall, a proxy) blocks it, ${retry}`;
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return `${venue} did not answer in time. Check the internet connection, ${retry}`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `the connection to ${venue} broke off. Add the symbol again to resume where it stopped.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The system error code of a failed request, on the error or on the error it wraps (fetch does). */
function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
