/**
 * SHA-256 (FIPS 180-4). The browser compiles plans synchronously on every edit, so neither
 * crypto.subtle (async) nor an import of node:crypto (Node only) will do: the portable version
 * below runs everywhere. Where the host is Node, its built-in hash is reached without an import
 * (so bundles never pull it in) and used instead: same digest, a tenth of the time on a 2 MB plan.
 */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

interface NodeCrypto {
  createHash(algorithm: "sha256"): {
    update(data: Uint8Array | string, encoding?: "utf8"): { digest(encoding: "hex"): string };
  };
}

/** node:crypto when the host is Node (process.getBuiltinModule, Node ≥ 20.16), else undefined. */
const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return host?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
})();

/** The SHA-256 digest of `bytes` as 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return nodeCrypto ? nodeCrypto.createHash("sha256").update(bytes).digest("hex") : portableSha256Hex(bytes);
}

/** The SHA-256 digest of the UTF-8 bytes of `text` as 64 lowercase hex digits. */
export function sha256HexOfText(text: string): string {
  return nodeCrypto
    ? nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex")
    : portableSha256Hex(new TextEncoder().encode(text));
}

const w = new Int32Array(64);
const state = new Int32Array(8);
const tail = new Uint8Array(128);

/** SHA-256 in plain TypeScript, for hosts without node:crypto; exported so tests hold it to node:crypto. */
export function portableSha256Hex(bytes: Uint8Array): string {
  const length = bytes.length;
  state.set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) compress(bytes, offset);
  // The last partial block, 0x80, zero padding and the 64-bit big-endian bit length: one or two blocks.
  const rest = length - whole;
  const blocks = rest + 9 > 64 ? 2 : 1;
  tail.fill(0);
  tail.set(bytes.subarray(whole));
  tail[rest] = 0x80;
  const end = blocks * 64;
  const high = Math.floor(length / 0x20000000);
  const low = (length << 3) >>> 0;
  tail[end - 8] = high >>> 24;
  tail[end - 7] = high >>> 16;
  tail[end - 6] = high >>> 8;
  tail[end - 5] = high;
  tail[end - 4] = low >>> 24;
  tail[end - 3] = low >>> 16;
  tail[end - 2] = low >>> 8;
  tail[end - 1] = low;
  for (let offset = 0; offset < end; offset += 64) compress(tail, offset);
  let hex = "";
  for (let i = 0; i < 8; i++) hex += (state[i] >>> 0).toString(16).padStart(8, "0");
  return hex;
}

/** One 64-byte block of `data` at `offset` into `state`, with Int32 arithmetic and no allocation. */
function compress(data: Uint8Array, offset: number): void {
  for (let t = 0, i = offset; t < 16; t++, i += 4)
    w[t] = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15];
    const y = w[t - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const choice = (e & f) ^ (~e & g);
    const t1 = (h + s1 + choice + K[t] + w[t]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const majority = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + s0 + majority) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}
