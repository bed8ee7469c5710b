/**
 * Exponential backoff with "equal jitter": each delay is half the exponential ceiling plus a random
 * part of the other half, so clients that lost the same server spread out (no thundering herd)
 * while every wait stays at least half the ceiling (no hammering on an unlucky draw).
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor?: number;
  /** Uniform [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export class Backoff {
  #attempt = 0;
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #random: () => number;

  constructor(options: BackoffOptions) {
    this.#initial = options.initialMs;
    this.#max = options.maxMs;
    this.#factor = options.factor ?? 2;
    this.#random = options.random ?? Math.random;
  }

  /** Failures since the last success. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The ceiling of the next delay: the bounds a jittered delay lies in are [ceiling/2, ceiling). */
  ceiling(): number {
    return Math.min(this.#max, this.#initial * this.#factor ** this.#attempt);
  }

  next(): number {
    const ceiling = this.ceiling();
    this.#attempt++;
    return ceiling / 2 + (this.#random() * ceiling) / 2;
  }

  reset(): void {
    this.#attempt = 0;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
