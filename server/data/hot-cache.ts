import type { Redis } from "ioredis";
import { lowerBound } from "@/engine-runtime/connectors/core/columns";
import { type BarColumns, sliceBars } from "@/engine-runtime/data/bars";

const FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;

export interface HotBarsOptions {
  /** Most bars kept per series: the recent end, which previews and live warm-ups read. */
  maxBars?: number;
  ttlMs?: number;
  prefix?: string;
}

/**
 * Recent bars of each stored series in Redis: one hash per series holding the newest `maxBars`
 * bars as raw little-endian Float64 columns, plus the market-time range [from, to) the cached
 * bars are complete for. Entries expire after `ttlMs`; writers of a series call `forget`.
 */
export class HotBars {
  readonly maxBars: number;
  readonly #ttlMs: number;
  readonly #prefix: string;

  constructor(
    private readonly redis: Redis,
    options: HotBarsOptions = {},
  ) {
    this.maxBars = options.maxBars ?? 20_000;
    this.#ttlMs = options.ttlMs ?? 15 * 60_000;
    this.#prefix = options.prefix ?? "strata:hot-bars:";
  }

  /** The cached bars in [from, to), or null when the cache cannot answer for that whole range. */
  async read(seriesId: string, from: number, to: number): Promise<BarColumns | null> {
    const entry = await this.#entry(seriesId);
    if (!entry || from < entry.from || to > entry.to) return null;
    return sliceBars(entry.bars, lowerBound(entry.bars.time, from), lowerBound(entry.bars.time, to));
  }

  /** The last `count` bars before `to`, or null when the cache does not hold that many. */
  async tail(seriesId: string, to: number, count: number): Promise<BarColumns | null> {
    const entry = await this.#entry(seriesId);
    if (!entry || to > entry.to) return null;
    const end = lowerBound(entry.bars.time, to);
    return end >= count ? sliceBars(entry.bars, end - count, end) : null;
  }

  /**
   * Keeps the newest bars of what was just read for [from, to): when they are fewer than
   * `maxBars` the cache answers for the whole range, else from the first kept bar on.
   */
  async keep(seriesId: string, bars: BarColumns, from: number, to: number): Promise<void> {
    const n = bars.time.length;
    const start = Math.max(0, n - this.maxBars);
    const coveredFrom = start === 0 ? from : bars.time[start];
    const tail = sliceBars(bars, start, n);
    const key = this.#key(seriesId);
    const fields: Record<string, Buffer | string> = { range: `${coveredFrom}:${to}` };
    for (const field of FIELDS) {
      const column = tail[field];
      fields[field] = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    }
    await this.redis.multi().del(key).hset(key, fields).pexpire(key, this.#ttlMs).exec();
  }

  async forget(seriesId: string): Promise<void> {
    await this.redis.del(this.#key(seriesId));
  }

  async #entry(seriesId: string): Promise<{ bars: BarColumns; from: number; to: number } | null> {
    const entry = await this.redis.hgetallBuffer(this.#key(seriesId));
    if (!entry.time || !entry.range) return null;
    const [from, to] = entry.range.toString("latin1").split(":").map(Number);
    const bars = Object.fromEntries(FIELDS.map((field) => [field, columnOf(entry[field])]));
    return { bars: bars as unknown as BarColumns, from, to };
  }

  #key(seriesId: string): string {
    return this.#prefix + seriesId;
  }
}

/** A Redis buffer as a Float64Array of its own (Buffers may sit at offsets no Float64Array accepts). */
function columnOf(buffer: Buffer | undefined): Float64Array {
  if (!buffer) return new Float64Array(0);
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float64Array(copy.buffer);
}
