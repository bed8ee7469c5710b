/**
 * A fast 53-bit string hash (cyrb53: two multiply-xor lanes) used to rank steps by their
 * structure. Not cryptographic and not used for equality: equal computations are merged by their
 * exact key, so a collision could only swap two independent steps' order.
 */
export function structuralHash(text: string): number {
  startHash();
  hashText(text);
  return endHash();
}

/*
 * The same hash fed piece by piece, so a step's rank is taken without first concatenating its
 * text: startHash(), then hashText/hashInteger in text order, then endHash(). One hash at a time.
 */
let h1 = 0;
let h2 = 0;
const digits = new Uint8Array(20);

export function startHash(): void {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
}

export function hashText(text: string): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/** Hashes String(value) for a non-negative safe integer, without making the string. */
export function hashInteger(value: number): void {
  const high = highDigits(value);
  hashDigits(high, value - high * 1e8);
}

/**
 * The digits of a non-negative safe integer before its last eight, as a number: value is
 * highDigits(value) × 10^8 + the last eight, both below 2^31. A rank is hashed into its readers'
 * ranks as these two, kept with it: int32 arguments are never boxed, as a 53-bit one is.
 */
export function highDigits(value: number): number {
  const high = Math.floor(value / 1e8);
  // The quotient may round up to the next integer.
  return value - high * 1e8 < 0 ? high - 1 : high;
}

/** Hashes String(high × 10^8 + low), for 0 ≤ low < 10^8 and 0 ≤ high < 2^31, without making the string. */
export function hashDigits(high: number, low: number): void {
  // Int32 arithmetic (a remainder of a double is a slow library call), digits last to first.
  let rest = low | 0;
  let n = 0;
  if (high > 0) {
    for (let k = 0; k < 8; k++) {
      const next = (rest / 10) | 0;
      digits[n++] = 48 + rest - next * 10;
      rest = next;
    }
    rest = high | 0;
  }
  do {
    const next = (rest / 10) | 0;
    digits[n++] = 48 + rest - next * 10;
    rest = next;
  } while (rest > 0);
  let a = h1;
  let b = h2;
  while (n > 0) {
    const c = digits[--n];
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/**
 * One 32-bit lane of the hash so far: resumeHash(hashLane(0), hashLane(1)) goes on from here, so
 * texts that share a start hash it once.
 */
export function hashLane(lane: 0 | 1): number {
  return lane === 0 ? h1 : h2;
}

export function resumeHash(a: number, b: number): void {
  h1 = a;
  h2 = b;
}

export function endHash(): number {
  let a = h1;
  let b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}
