/**
 * Times @branchscope/core's svd on |W|-like matrices (absolute values of seeded normals: one dominant singular
 * value, then a spread tail, as in real |W| matrices).
 *
 *   npx tsx bench/svd.ts                # 96x256, 256x384, 832x256, 832x832
 *   npx tsx bench/svd.ts 1024x1024      # any sizes, ROWSxCOLS
 */
import { createRandom, svd } from '@branchscope/core';
import type { Matrix } from '@branchscope/core';

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['96x256', '256x384', '832x256', '832x832'];

for (const size of sizes) {
  const [rows, cols] = size.split('x').map(Number) as [number, number];
  if (!(rows > 0 && cols > 0)) throw new Error(`bench/svd: size "${size}" is not ROWSxCOLS`);
  const random = createRandom(1);
  const a: Matrix = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => Math.abs(random.normal())) };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { u, s, v } = svd(a);
  const wall = (performance.now() - start) / 1000;
  const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
  console.log(
    `${size.padEnd(10)} wall ${wall.toFixed(2)}s  cpu ${cpuSeconds.toFixed(2)}s  ` +
      `max reconstruction error ${reconstructionError(a, u, s, v).toExponential(1)}  s0 ${s[0]?.toFixed(3)}`,
  );
}

/** Largest |A - U S V^T| entry over a sample of rows (every 7th), to keep the check cheap. */
function reconstructionError(a: Matrix, u: Matrix, s: Float64Array, v: Matrix): number {
  const k = s.length;
  let worst = 0;
  for (let i = 0; i < a.rows; i += 7) {
    for (let j = 0; j < a.cols; j++) {
      let x = 0;
      for (let l = 0; l < k; l++) x += u.data[i * k + l]! * s[l]! * v.data[j * k + l]!;
      worst = Math.max(worst, Math.abs(x - a.data[i * a.cols + j]!));
    }
  }
  return worst;
}
