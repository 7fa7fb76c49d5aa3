/** A dense row-major matrix of doubles. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** A rows x cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A matrix from nested arrays (one inner array per row). Throws when rows differ in length. */
export function fromRows(values: readonly (readonly number[])[]): Matrix {
  const rows = values.length;
  const cols = rows === 0 ? 0 : values[0]!.length;
  const m = zeros(rows, cols);
  values.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`fromRows: row ${i} has ${row.length} values, expected ${cols}`);
    m.data.set(row, i * cols);
  });
  return m;
}

/** Element (i, j). */
export const at = (m: Matrix, i: number, j: number): number => m.data[i * m.cols + j]!;

/** Nested arrays, one inner array per row. */
export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}
