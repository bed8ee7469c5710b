/**
 * A column a composed kernel owns for an inner kernel's output. It grows with the bars seen, so
 * the same instance serves batch runs (one call up to n) and streaming (one bar per call), and it
 * keeps what was written because inner kernels read their own history from it.
 */
export class ScratchColumn {
  private values = new Float64Array(0);

  /** The column, with room for bars [0, to) and everything written so far kept. */
  reserve(to: number): Float64Array {
    if (to > this.values.length) {
      const grown = new Float64Array(Math.max(to, this.values.length * 2, 256));
      grown.set(this.values);
      this.values = grown;
    }
    return this.values;
  }
}
