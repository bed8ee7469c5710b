/**
 * Columns kept between batch runs of the same length. A fresh Float64Array costs a page fault per
 * 4 KiB on first write, which for a million bars outweighs computing most indicators; previews
 * re-run the same data on every edit, so reusing the scratch columns of the last run pays.
 * Only columns no result refers to come back here, and every run overwrites each bar it reads.
 */
const MAX_POOLED = 64;
let pooledLength = -1;
const pooled: Float64Array[] = [];

export function takeColumn(length: number): Float64Array {
  if (length === pooledLength && pooled.length > 0) return pooled.pop()!;
  return new Float64Array(length);
}

export function giveColumns(columns: readonly Float64Array[]): void {
  for (const column of columns) {
    if (column.length !== pooledLength) {
      pooledLength = column.length;
      pooled.length = 0;
    }
    if (pooled.length < MAX_POOLED) pooled.push(column);
  }
}
