import { arrayOf } from "./arrays";

/**
 * Strings numbered 0, 1, 2… in the order first added, found through an open-addressing table of
 * numbers rather than a Map: a 10,000-node graph brings 10,000 new ids, and a Map grown to hold
 * them costs more in its inserts and in the garbage of the tables it outgrows than hashing here.
 */
export class StringTable {
  readonly #strings: string[];
  #count = 0;
  /** Number + 1 of the string hashed to each place (or the next free one after it); 0 is free. */
  #places: Int32Array;
  #mask: number;

  /** `expected`: about how many strings will be added, so the table need not grow. */
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.#places = new Int32Array(size);
    this.#mask = size - 1;
    this.#strings = arrayOf(expected);
  }

  get size(): number {
    return this.#count;
  }

  /** The number of `text`, or -1 when it was never added. */
  find(text: string): number {
    const strings = this.#strings;
    const places = this.#places;
    const mask = this.#mask;
    for (let at = hashOf(text) & mask; ; at = (at + 1) & mask) {
      const number = places[at] - 1;
      if (number < 0 || strings[number] === text) return number;
    }
  }

  /** The number of `text`, numbering it when it is new. */
  add(text: string): number {
    const strings = this.#strings;
    const places = this.#places;
    const mask = this.#mask;
    let at = hashOf(text) & mask;
    for (; places[at] !== 0; at = (at + 1) & mask) {
      const number = places[at] - 1;
      if (strings[number] === text) return number;
    }
    const number = this.#count++;
    strings[number] = text;
    places[at] = number + 1;
    if (this.#count * 2 > places.length) this.#grow();
    return number;
  }

  #grow(): void {
    const strings = this.#strings;
    const places = new Int32Array(this.#places.length * 2);
    const mask = places.length - 1;
    for (let number = 0; number < this.#count; number++) {
      let at = hashOf(strings[number]) & mask;
      while (places[at] !== 0) at = (at + 1) & mask;
      places[at] = number + 1;
    }
    this.#places = places;
    this.#mask = mask;
  }
}

/** FNV-1a over the UTF-16 units, then mixed so the low bits the table uses depend on every unit. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
