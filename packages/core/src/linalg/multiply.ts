import type { Matrix } from './matrix';

/** The product a * b. Throws a RangeError when the inner dimensions differ. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`multiply: ${a.rows} x ${a.cols} times ${b.rows} x ${b.cols}`);
  const data = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let l = 0; l < a.cols; l++) {
      const x = a.data[i * a.cols + l]!;
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) data[i * b.cols + j] = data[i * b.cols + j]! + x * b.data[l * b.cols + j]!;
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}
