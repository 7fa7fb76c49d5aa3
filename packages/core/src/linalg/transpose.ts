import type { Matrix } from './matrix';

/** The transpose of m, as a new matrix. */
export function transpose(m: Matrix): Matrix {
  const { rows, cols } = m;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[j * rows + i] = m.data[i * cols + j]!;
  }
  return { rows: cols, cols: rows, data };
}
