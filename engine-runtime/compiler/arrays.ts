/**
 * An array to fill in order, up to `length` items: made that long at once, so it is not copied
 * again and again as it grows (a very long one grows instead, as an engine may keep such an array
 * as a dictionary). Fill it from index 0 on and cut it to the count filled.
 */
export function arrayOf<T>(length: number): T[] {
  return length <= 50_000 ? new Array<T>(length) : [];
}
