import { randomUUID } from "node:crypto";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import type { Connector } from "../core/types";

/**
 * The raw-SQL slice of a database connection the store needs; server/db's SqlConnection (PGlite
 * or PostgreSQL) fits it. Raw SQL rather than Prisma: bars move as whole columns through
 * unnest()/array_agg(), a million at a time, which row-by-row ORM calls cannot do quickly.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface SeriesKey {
  venue: string;
  symbol: string;
  timeframe: Timeframe;
}

export interface SeriesSummary extends SeriesKey {
  bars: number;
  first: number | null;
  last: number | null;
  /** Ranges of market time fetched from the venue, merged. */
  coverage: TimeRange[];
  gaps: (TimeRange & { reason: string })[];
}

export interface TimeRange {
  from: number;
  to: number;
}

/** Rows per INSERT: keeps each statement's parameter arrays a few MB. */
const WRITE_BATCH = 50_000;

/**
 * Bars kept once per (venue, symbol, timeframe) in the market_* tables (prisma/schema.prisma):
 * rewriting a bar replaces it, so fetching overlapping ranges never duplicates; coverage records
 * what was asked of the venue so `sync` fetches only what is missing.
 */
export class BarStore {
  constructor(private readonly sql: SqlRunner) {}

  async write(key: SeriesKey, bars: BarColumns, covered?: TimeRange): Promise<number> {
    const id = await this.#seriesId(key, true);
    const n = bars.time.length;
    for (let start = 0; start < n; start += WRITE_BATCH) {
      const end = Math.min(n, start + WRITE_BATCH);
      const column = (values: Float64Array) => Array.from(values.subarray(start, end));
      await this.sql.query(
        `INSERT INTO "market_bars" ("series_id", "time", "open", "high", "low", "close", "volume")
         SELECT $1, t::bigint, o, h, l, c, v
         FROM unnest($2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) AS b(t, o, h, l, c, v)
         ON CONFLICT ("series_id", "time") DO UPDATE SET
           "open" = EXCLUDED."open", "high" = EXCLUDED."high", "low" = EXCLUDED."low",
           "close" = EXCLUDED."close", "volume" = EXCLUDED."volume"`,
        [
          id,
          column(bars.time),
          column(bars.open),
          column(bars.high),
          column(bars.low),
          column(bars.close),
          column(bars.volume),
        ],
      );
    }
    if (covered && covered.to > covered.from) {
      await this.sql.query(
        `INSERT INTO "market_coverage" ("id", "series_id", "from_time", "to_time") VALUES ($1, $2, $3, $4)`,
        [randomUUID(), id, covered.from, covered.to],
      );
    }
    return n;
  }

  /** Bars with open time in [from, to), oldest first, as engine columns. */
  async read(key: SeriesKey, from: number, to: number): Promise<BarColumns> {
    const id = await this.#seriesId(key, false);
    const empty = { time: [], open: [], high: [], low: [], close: [], volume: [] };
    const [row] = id
      ? await this.sql.query<Record<keyof BarColumns, number[] | null>>(
          `SELECT array_agg("time"::float8 ORDER BY "time") AS "time", array_agg("open" ORDER BY "time") AS "open",
                  array_agg("high" ORDER BY "time") AS "high", array_agg("low" ORDER BY "time") AS "low",
                  array_agg("close" ORDER BY "time") AS "close", array_agg("volume" ORDER BY "time") AS "volume"
           FROM "market_bars" WHERE "series_id" = $1 AND "time" >= $2 AND "time" < $3`,
          [id, from, to],
        )
      : [empty];
    return {
      time: Float64Array.from(row.time ?? []),
      open: Float64Array.from(row.open ?? []),
      high: Float64Array.from(row.high ?? []),
      low: Float64Array.from(row.low ?? []),
      close: Float64Array.from(row.close ?? []),
      volume: Float64Array.from(row.volume ?? []),
    };
  }

  /** Parts of [from, to) no earlier fetch covered. */
  async missing(key: SeriesKey, from: number, to: number): Promise<TimeRange[]> {
    const covered = await this.#coverage(key);
    const holes: TimeRange[] = [];
    let cursor = from;
    for (const range of covered) {
      if (range.to <= cursor) continue;
      if (range.from >= to) break;
      if (range.from > cursor) holes.push({ from: cursor, to: Math.min(range.from, to) });
      cursor = Math.max(cursor, range.to);
    }
    if (cursor < to) holes.push({ from: cursor, to });
    return holes;
  }

  /**
   * Makes [from, to) available: fetches only the missing ranges from the connector, stores them,
   * and returns the stored bars. Coverage stops at the bar still forming, which a later sync fetches.
   */
  async sync(
    connector: Connector,
    symbol: string,
    timeframe: Timeframe,
    from: number,
    to: number,
    now = Date.now(),
  ): Promise<{ bars: BarColumns; fetched: TimeRange[] }> {
    const key = { venue: connector.venue, symbol, timeframe };
    const step = TIMEFRAME_MS[timeframe];
    const closedUntil = Math.floor(now / step) * step;
    const fetched = await this.missing(key, from, Math.min(to, closedUntil));
    for (const range of fetched) {
      const bars = await connector.history(symbol, timeframe, range.from, range.to);
      await this.write(key, bars, range);
    }
    return { bars: await this.read(key, from, to), fetched };
  }

  async recordGap(key: SeriesKey, range: TimeRange, reason: string): Promise<void> {
    const id = await this.#seriesId(key, true);
    await this.sql.query(
      `INSERT INTO "market_gaps" ("id", "series_id", "from_time", "to_time", "reason") VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), id, range.from, range.to, reason],
    );
  }

  /** Every stored series with its size, first and last bar, coverage and known gaps. */
  async list(): Promise<SeriesSummary[]> {
    const rows = await this.sql.query<{
      id: string;
      venue: string;
      symbol: string;
      timeframe: Timeframe;
      bars: number;
      first: number | null;
      last: number | null;
    }>(
      `SELECT s."id", s."venue", s."symbol", s."timeframe", count(b."time")::int AS "bars",
              min(b."time")::float8 AS "first", max(b."time")::float8 AS "last"
       FROM "market_series" s LEFT JOIN "market_bars" b ON b."series_id" = s."id"
       GROUP BY s."id" ORDER BY s."venue", s."symbol", s."timeframe"`,
    );
    const summaries: SeriesSummary[] = [];
    for (const row of rows) {
      const key = { venue: row.venue, symbol: row.symbol, timeframe: row.timeframe };
      const gaps = await this.sql.query<{ from: number; to: number; reason: string }>(
        `SELECT "from_time"::float8 AS "from", "to_time"::float8 AS "to", "reason" FROM "market_gaps"
         WHERE "series_id" = $1 ORDER BY "from_time"`,
        [row.id],
      );
      summaries.push({
        ...key,
        bars: row.bars,
        first: row.first,
        last: row.last,
        coverage: await this.#coverage(key),
        gaps,
      });
    }
    return summaries;
  }

  /** Coverage ranges merged into disjoint, sorted ranges. */
  async #coverage(key: SeriesKey): Promise<TimeRange[]> {
    const id = await this.#seriesId(key, false);
    if (!id) return [];
    const rows = await this.sql.query<TimeRange>(
      `SELECT "from_time"::float8 AS "from", "to_time"::float8 AS "to" FROM "market_coverage"
       WHERE "series_id" = $1 ORDER BY "from_time"`,
      [id],
    );
    const merged: TimeRange[] = [];
    for (const range of rows) {
      const last = merged.at(-1);
      if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
      else merged.push({ ...range });
    }
    return merged;
  }

  async #seriesId(key: SeriesKey, create: true): Promise<string>;
  async #seriesId(key: SeriesKey, create: false): Promise<string | undefined>;
  async #seriesId(key: SeriesKey, create: boolean): Promise<string | undefined> {
    const params = [key.venue, key.symbol, key.timeframe];
    const select = `SELECT "id" FROM "market_series" WHERE "venue" = $1 AND "symbol" = $2 AND "timeframe" = $3`;
    const [found] = await this.sql.query<{ id: string }>(select, params);
    if (found || !create) return found?.id;
    await this.sql.query(
      `INSERT INTO "market_series" ("id", "venue", "symbol", "timeframe") VALUES ($4, $1, $2, $3)
       ON CONFLICT ("venue", "symbol", "timeframe") DO NOTHING`,
      [...params, randomUUID()],
    );
    const [created] = await this.sql.query<{ id: string }>(select, params);
    return created.id;
  }
}
