import type { Redis } from "ioredis";
import type { BarColumns } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";

/** Largest CSV a user may upload, in characters (about 400,000 daily bars). */
export const MAX_UPLOAD_CHARS = 20 * 1024 * 1024;
/** How long parts of an unfinished upload are kept. */
const PART_TTL_MS = 10 * 60_000;

/**
 * Parts of a CSV sent in pieces (each request stays under the API's body limit, and the browser
 * shows progress part by part). Parts must arrive in order; the last one hands back the whole text.
 */
export interface UploadParts {
  /** Adds part `index` of `count`; returns the whole text after the last part, else null. */
  add(key: string, index: number, count: number, text: string): Promise<string | null>;
}

export class UploadPartError extends Error {}

export function createMemoryUploadParts(): UploadParts {
  const pending = new Map<string, { parts: string[]; size: number; expires: number }>();
  return {
    async add(key, index, count, text) {
      const now = Date.now();
      for (const [k, entry] of pending) if (entry.expires < now) pending.delete(k);
      const entry = index === 0 ? { parts: [], size: 0, expires: 0 } : pending.get(key);
      if (!entry || entry.parts.length !== index) throw outOfOrder(index, entry?.parts.length ?? 0);
      entry.size += text.length;
      if (entry.size > MAX_UPLOAD_CHARS) {
        pending.delete(key);
        throw tooLarge();
      }
      entry.parts.push(text);
      entry.expires = now + PART_TTL_MS;
      pending.set(key, entry);
      if (index < count - 1) return null;
      pending.delete(key);
      return entry.parts.join("");
    },
  };
}

/** Parts kept in Redis, so the parts of one upload may reach different app instances. */
export function createRedisUploadParts(redis: Redis, prefix = "strata:upload:"): UploadParts {
  return {
    async add(key, index, count, text) {
      const list = prefix + key;
      const sizeKey = `${list}:size`;
      if (index === 0) await redis.del(list, sizeKey);
      const received = await redis.llen(list);
      if (received !== index) throw outOfOrder(index, received);
      const [[, length], [, size]] = (await redis
        .multi()
        .rpush(list, text)
        .incrby(sizeKey, text.length)
        .pexpire(list, PART_TTL_MS)
        .pexpire(sizeKey, PART_TTL_MS)
        .exec()) as [[null, number], [null, number]];
      if (size > MAX_UPLOAD_CHARS) {
        await redis.del(list, sizeKey);
        throw tooLarge();
      }
      if (index < count - 1 || length !== count) return null;
      const parts = await redis.lrange(list, 0, -1);
      await redis.del(list, sizeKey);
      return parts.join("");
    },
  };
}

const outOfOrder = (index: number, expected: number) =>
  new UploadPartError(
    `Part ${index + 1} of the upload arrived but part ${expected + 1} was expected; start the upload again.`,
  );
const tooLarge = () =>
  new UploadPartError(
    `The file is larger than ${MAX_UPLOAD_CHARS / 1024 / 1024} MB; split it into smaller files or upload a longer timeframe.`,
  );

/**
 * The timeframe a file's bars are spaced at: the most common gap between consecutive bars
 * (weekends and holidays make some gaps longer, never shorter). Null when it is none of ours.
 */
export function inferTimeframe(bars: BarColumns): Timeframe | null {
  const n = Math.min(bars.time.length, 5_000);
  if (n < 2) return "1d";
  const counts = new Map<number, number>();
  for (let i = 1; i < n; i++) {
    const gap = bars.time[i] - bars.time[i - 1];
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let common = 0;
  let most = 0;
  for (const [gap, count] of counts) if (count > most) [common, most] = [gap, count];
  return TIMEFRAMES.find((timeframe) => TIMEFRAME_MS[timeframe] === common) ?? null;
}
