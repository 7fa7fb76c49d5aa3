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
   * Applies every queued rotation, in order. Runs of four that chain down consecutive rows, (r, r+1), (r+1, r+2),
   * ..., as one QR step queues them, go through one loop that loads each of their five rows once.
   */
  flush(): void {
    const { matrix: x, stride, pairs, cosSin, count } = this;
    for (let c0 = 0; c0 < stride; c0 += this.band) {
      const c1 = Math.min(stride, c0 + this.band);
      let r = 0;
      while (r < count) {
        const i = 2 * r;
        const a = pairs[i]!;
        if (r + 3 < count && chainsDown(pairs, i, a)) {
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

/** Whether the four rotations from pair index i are (a, a+1), (a+1, a+2), (a+2, a+3), (a+3, a+4). */
function chainsDown(pairs: Int32Array, i: number, a: number): boolean {
  return (
    pairs[i + 1] === a + 1 &&
    pairs[i + 2] === a + 1 &&
    pairs[i + 3] === a + 2 &&
    pairs[i + 4] === a + 2 &&
    pairs[i + 5] === a + 3 &&
    pairs[i + 6] === a + 3 &&
    pairs[i + 7] === a + 4
  );
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
