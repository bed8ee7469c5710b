/**
 * Values kept by a number, up to `limit` of them; then they are all forgotten and kept anew. An
 * open-addressing table of the numbers' bits rather than a Map: a Map of numbers hashes and
 * compares boxed numbers, which costs several times more per lookup, and a graph new to the
 * compiler looks up a value for most of its nodes. Keys compare as in a Map, except that NaN is
 * never kept; values are never undefined.
 */
export class NumberTable<T> {
  #keys = new Float64Array(16);
  /** The value kept at each place, or undefined where the place is free. */
  #values: (T | undefined)[] = new Array(16).fill(undefined);
  #count = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: number): T | undefined {
    const keys = this.#keys;
    const values = this.#values;
    const mask = keys.length - 1;
    for (let at = placeOf(key) & mask; values[at] !== undefined; at = (at + 1) & mask)
      if (keys[at] === key) return values[at];
    return undefined;
  }

  /** Keeps `value` for `key`, which must not be kept yet. */
  add(key: number, value: T): void {
    if (Number.isNaN(key)) return;
    if (this.#count >= this.#limit) {
      this.#values.fill(undefined);
      this.#count = 0;
    } else if (2 * (this.#count + 1) > this.#keys.length) this.#grow();
    this.#put(key, value);
    this.#count++;
  }

  #put(key: number, value: T): void {
    const mask = this.#keys.length - 1;
    let at = placeOf(key) & mask;
    while (this.#values[at] !== undefined) at = (at + 1) & mask;
    this.#keys[at] = key;
    this.#values[at] = value;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Float64Array(2 * keys.length);
    this.#values = new Array(2 * keys.length).fill(undefined);
    for (let at = 0; at < keys.length; at++) {
      const value = values[at];
      if (value !== undefined) this.#put(keys[at], value);
    }
  }
}

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** The number's 64 bits mixed (murmur3's finish), so the low bits a table uses depend on all of them. */
function placeOf(key: number): number {
  // -0 is kept as 0, as === compares them equal.
  bits[0] = key === 0 ? 0 : key;
  let hash = words[0] ^ Math.imul(words[1], 0x9e3779b1);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
