/**
 * A growing table of fixed-size numeric records, stored in chunks of a few tens of kilobytes.
 * Chunks never move once written, and memory of this size is recycled by the allocator between
 * runs, whereas one big array that doubles as it grows gets fresh pages from the system each
 * time: a page fault per 4 KiB, which costs more than writing the records.
 */
export class Records {
  /** Records per chunk: a power of two, so finding a record takes a shift and a mask, not a division. */
  readonly perChunk: number;
  private readonly shift: number;
  private readonly mask: number;
  private readonly chunks: Float64Array[] = [];
  private chunk: Float64Array = EMPTY;
  private free = 0;
  count = 0;

  constructor(readonly stride: number) {
    this.shift = Math.floor(Math.log2(CHUNK_VALUES / stride));
    this.perChunk = 2 ** this.shift;
    this.mask = this.perChunk - 1;
  }

  /** Appends a record; returns where its first value goes in `current`. */
  add(): number {
    if (this.free === 0) {
      this.chunk = new Float64Array(this.perChunk * this.stride);
      this.chunks.push(this.chunk);
      this.free = this.perChunk;
    }
    const at = (this.perChunk - this.free) * this.stride;
    this.free--;
    this.count++;
    return at;
  }

  /** The chunk the last added record is in. */
  get current(): Float64Array {
    return this.chunk;
  }

  /** The chunk record k is in; its values start at `offset(k)`. */
  chunkOf(k: number): Float64Array {
    return this.chunks[k >> this.shift];
  }

  offset(k: number): number {
    return (k & this.mask) * this.stride;
  }

  get(k: number, field: number): number {
    return this.chunkOf(k)[this.offset(k) + field];
  }

  set(k: number, field: number, value: number): void {
    this.chunkOf(k)[this.offset(k) + field] = value;
  }
}

const CHUNK_VALUES = 15_360;
const EMPTY = new Float64Array(0);
