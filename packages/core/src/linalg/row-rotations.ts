/**
 * A queue of plane rotations on pairs of rows of one row-major matrix, applied in batches.
 *
 * The bidiagonal QR iteration decides each rotation from the bidiagonal alone, never from the vectors it rotates,
 * so the rotations can be recorded and applied later. Applied one by one, every QR sweep would stream the whole
 * matrix through memory; applied a batch at a time over a band of columns that stays in cache, each band is read
 * once per batch.
 */
export class RowRotations {
  private readonly pairs: Int32Array;
  private readonly cosSin: Float64Array;
  private count = 0;

  /**
   * @param matrix row-major, `stride` columns
   * @param band columns per pass over a batch (the band of all rows should fit in cache)
   */
  constructor(
    private readonly matrix: Float64Array,
    private readonly stride: number,
    private readonly capacity = 1 << 15,
    private readonly band = 64,
  ) {
    this.pairs = new Int32Array(2 * capacity);
    this.cosSin = new Float64Array(2 * capacity);
  }

  /** Queues rows (a, b) <- (c a + s b, -s a + c b). */
  push(a: number, b: number, c: number, s: number): void {
    if (this.count === this.capacity) this.flush();
    const i = 2 * this.count++;
    this.pairs[i] = a;
    this.pairs[i + 1] = b;
    this.cosSin[i] = c;
    this.cosSin[i + 1] = s;
  }

  /**
   * Applies every queued rotation, in order. Runs that chain down consecutive rows, (r, r+1), (r+1, r+2), ..., as
   * a QR step queues them, go eight (or four) at a time through one loop that loads and stores each row once.
   */
  flush(): void {
    const { matrix: x, stride, pairs, cosSin, count } = this;
    for (let c0 = 0; c0 < stride; c0 += this.band) {
      const c1 = Math.min(stride, c0 + this.band);
      let r = 0;
      while (r < count) {
        const i = 2 * r;
        const a = pairs[i]!;
        const chain = chainLength(pairs, i, a, Math.min(8, count - r));
        if (chain === 8) {
          rotateChainOfEight(x, stride, a, cosSin, i, c0, c1);
          r += 8;
        } else if (chain >= 4) {
          rotateChainOfFour(x, stride, a, cosSin, i, c0, c1);
          r += 4;
        } else {
          rotateOne(x, a * stride, pairs[i + 1]! * stride, cosSin[i]!, cosSin[i + 1]!, c0, c1);
          r += 1;
        }
      }
    }
    this.count = 0;
  }
}

/** How many of the (at most `limit`) rotations from pair index i are (a, a+1), (a+1, a+2), ... */
function chainLength(pairs: Int32Array, i: number, a: number, limit: number): number {
  let q = 0;
  while (q < limit && pairs[i + 2 * q] === a + q && pairs[i + 2 * q + 1] === a + q + 1) q++;
  return q;
}

function rotateOne(x: Float64Array, ao: number, bo: number, c: number, s: number, c0: number, c1: number): void {
  for (let j = c0; j < c1; j++) {
    const a = x[ao + j]!;
    const b = x[bo + j]!;
    x[ao + j] = c * a + s * b;
    x[bo + j] = c * b - s * a;
  }
}

/** Four chained rotations of rows a..a+4, whose cosines and sines start at cosSin[k]. */
function rotateChainOfFour(
  x: Float64Array,
  stride: number,
  row: number,
  cosSin: Float64Array,
  k: number,
  c0: number,
  c1: number,
): void {
  const r0 = row * stride;
  const r1 = r0 + stride;
  const r2 = r1 + stride;
  const r3 = r2 + stride;
  const r4 = r3 + stride;
  const ca = cosSin[k]!;
  const sa = cosSin[k + 1]!;
  const cb = cosSin[k + 2]!;
  const sb = cosSin[k + 3]!;
  const cc = cosSin[k + 4]!;
  const sc = cosSin[k + 5]!;
  const cd = cosSin[k + 6]!;
  const sd = cosSin[k + 7]!;
  for (let j = c0; j < c1; j++) {
    const a = x[r0 + j]!;
    let b = x[r1 + j]!;
    x[r0 + j] = ca * a + sa * b;
    b = ca * b - sa * a;
    let c = x[r2 + j]!;
    x[r1 + j] = cb * b + sb * c;
    c = cb * c - sb * b;
    let d = x[r3 + j]!;
    x[r2 + j] = cc * c + sc * d;
    d = cc * d - sc * c;
    const e = x[r4 + j]!;
    x[r3 + j] = cd * d + sd * e;
    x[r4 + j] = cd * e - sd * d;
  }
}

/** Eight chained rotations of rows a..a+8, whose cosines and sines start at cosSin[k]. */
function rotateChainOfEight(
  x: Float64Array,
  stride: number,
  row: number,
  cosSin: Float64Array,
  k: number,
  c0: number,
  c1: number,
): void {
  const r0 = row * stride;
  const r1 = r0 + stride;
  const r2 = r1 + stride;
  const r3 = r2 + stride;
  const r4 = r3 + stride;
  const r5 = r4 + stride;
  const r6 = r5 + stride;
  const r7 = r6 + stride;
  const r8 = r7 + stride;
  const c0s = cosSin[k]!;
  const s0 = cosSin[k + 1]!;
  const c1s = cosSin[k + 2]!;
  const s1 = cosSin[k + 3]!;
  const c2s = cosSin[k + 4]!;
  const s2 = cosSin[k + 5]!;
  const c3s = cosSin[k + 6]!;
  const s3 = cosSin[k + 7]!;
  const c4s = cosSin[k + 8]!;
  const s4 = cosSin[k + 9]!;
  const c5s = cosSin[k + 10]!;
  const s5 = cosSin[k + 11]!;
  const c6s = cosSin[k + 12]!;
  const s6 = cosSin[k + 13]!;
  const c7s = cosSin[k + 14]!;
  const s7 = cosSin[k + 15]!;
  for (let j = c0; j < c1; j++) {
    // `a` carries the row moving down the chain; `b` is the next row loaded.
    let a = x[r0 + j]!;
    let b = x[r1 + j]!;
    x[r0 + j] = c0s * a + s0 * b;
    a = c0s * b - s0 * a;
    b = x[r2 + j]!;
    x[r1 + j] = c1s * a + s1 * b;
    a = c1s * b - s1 * a;
    b = x[r3 + j]!;
    x[r2 + j] = c2s * a + s2 * b;
    a = c2s * b - s2 * a;
    b = x[r4 + j]!;
    x[r3 + j] = c3s * a + s3 * b;
    a = c3s * b - s3 * a;
    b = x[r5 + j]!;
    x[r4 + j] = c4s * a + s4 * b;
    a = c4s * b - s4 * a;
    b = x[r6 + j]!;
    x[r5 + j] = c5s * a + s5 * b;
    a = c5s * b - s5 * a;
    b = x[r7 + j]!;
    x[r6 + j] = c6s * a + s6 * b;
    a = c6s * b - s6 * a;
    b = x[r8 + j]!;
    x[r7 + j] = c7s * a + s7 * b;
    x[r8 + j] = c7s * b - s7 * a;
  }
}
