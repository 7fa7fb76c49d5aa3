/**
 * Seconds of @branchscope/core's svd (Golub-Kahan) on |W|-like matrices (absolute values of seeded normals: one
 * dominant singular value, then a spread tail, as in real |W| matrices), beside numpy.linalg.svd on the same
 * matrix (Debian's /usr/bin/python3; skipped with the reason when numpy is missing) and beside the Jacobi SVD
 * branchscope used before (`jacobiSvd`). Runs interleave (ours, numpy, old for each size, then the next run);
 * each figure is the mean seconds per call over calls repeated to fill 0.25 s (one call for the large sizes), each
 * column the median of the runs, after untimed warm-up calls (5 per size, at most 2 s). Also checks the
 * answers: largest relative difference from numpy's singular values (those above 1e-4 of the largest) and the
 * largest reconstruction error.
 *
 *   npx tsx bench/svd.ts                          # 96x256, 480x508, 832x256, 832x832, 3 runs
 *   npx tsx bench/svd.ts 1024x1024 --runs 5       # any sizes, ROWSxCOLS
 *   npx tsx bench/svd.ts --no-old                 # without the Jacobi column (about 20 s a run at 832x832)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRandom, svd } from '@branchscope/core';
import type { Matrix } from '@branchscope/core';
import { jacobiSvd } from '@branchscope/core/testing';
import { startNumpySvdPeer } from './peers/numpy-svd-peer';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const withOld = !args.includes('--no-old');
const sizeArgs = args.filter((a, i) => /^\d+x\d+$/.test(a) && i !== runsAt + 1);
const sizes = sizeArgs.length > 0 ? sizeArgs : ['96x256', '480x508', '832x256', '832x832'];
if (!(runs >= 1)) throw new Error('bench/svd: --runs needs a positive count');
for (const a of args) {
  if (!/^\d+x\d+$/.test(a) && a !== '--runs' && a !== '--no-old' && a !== args[runsAt + 1]) {
    throw new Error(`bench/svd: unknown argument "${a}" (sizes ROWSxCOLS, --runs N, --no-old)`);
  }
}

/** A small matrix's single call is too short to time on a busy machine: each timing repeats calls to fill this. */
const MIN_SECONDS = 0.25;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const matrices = sizes.map((size) => {
  const [rows, cols] = size.split('x').map(Number) as [number, number];
  const random = createRandom(1);
  return { size, a: { rows, cols, data: Float64Array.from({ length: rows * cols }, () => Math.abs(random.normal())) } };
});

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-svd-'));
const peer = await startNumpySvdPeer();
console.log(`node ${process.version}, ${os.cpus().length} cpus; ${typeof peer === 'string' ? `numpy skipped: ${peer}` : peer.version}`);
const times = matrices.map(() => ({ ours: [] as number[], numpy: [] as number[], old: [] as number[] }));
const checks = matrices.map(() => ({ vsNumpy: NaN, reconstruction: NaN }));
try {
  for (const [i, { a }] of matrices.entries()) await writeFile(path.join(dir, `${i}.f64`), Buffer.from(a.data.buffer));
  // Untimed calls first (5 of each size, or 2 s of them), so the timed ones run optimized code: V8 compiles a
  // function fully only after it has run a while, which a small matrix's single call does not reach.
  for (const [i, { a }] of matrices.entries()) {
    const began = performance.now();
    for (let w = 0; w < 5 && performance.now() - began < 2000; w++) svd(a);
    if (typeof peer !== 'string') await peer.svd(path.join(dir, `${i}.f64`), a.rows, a.cols);
  }
  for (let r = 0; r < runs; r++) {
    for (const [i, { size, a }] of matrices.entries()) {
      const { seconds, result: ours } = timePerCall(() => svd(a));
      times[i]!.ours.push(seconds);
      checks[i]!.reconstruction = reconstructionError(a, ours.u, ours.s, ours.v);
      if (typeof peer !== 'string') {
        const theirs = await peer.svd(path.join(dir, `${i}.f64`), a.rows, a.cols, MIN_SECONDS);
        times[i]!.numpy.push(theirs.seconds);
        checks[i]!.vsNumpy = valueDifference(ours.s, theirs.s);
      }
      if (withOld) {
        const oldStart = performance.now();
        jacobiSvd(a);
        times[i]!.old.push((performance.now() - oldStart) / 1000);
      }
      process.stderr.write(`run ${r + 1}/${runs} ${size} done\n`);
    }
  }
} finally {
  if (typeof peer !== 'string') peer.close();
  await rm(dir, { recursive: true, force: true });
}

/** Mean seconds per call over calls repeated until they fill MIN_SECONDS (at least one), and the last result. */
function timePerCall<T>(fn: () => T): { seconds: number; result: T } {
  let calls = 0;
  let result: T;
  const start = performance.now();
  do {
    result = fn();
    calls++;
  } while (performance.now() - start < MIN_SECONDS * 1000);
  return { seconds: (performance.now() - start) / 1000 / calls, result };
}

const fmt = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(3));
console.log(`median of ${runs} interleaved runs, wall seconds per call (calls repeated to fill ${MIN_SECONDS} s)`);
console.log(
  'size       ours (Golub-Kahan)   numpy   ours/numpy   old (Jacobi)   old/ours   max rel. diff from numpy s   max |A - USV^T|',
);
for (const [i, { size }] of matrices.entries()) {
  const ours = median(times[i]!.ours);
  const numpy = times[i]!.numpy.length > 0 ? median(times[i]!.numpy) : NaN;
  const old = times[i]!.old.length > 0 ? median(times[i]!.old) : NaN;
  console.log(
    `${size.padEnd(10)} ${fmt(ours).padStart(18)} ${fmt(numpy).padStart(7)} ${(Number.isNaN(numpy) ? '-' : `${(ours / numpy).toFixed(2)}x`).padStart(12)}` +
      ` ${fmt(old).padStart(14)} ${(Number.isNaN(old) ? '-' : `${(old / ours).toFixed(1)}x`).padStart(10)}` +
      ` ${(Number.isNaN(checks[i]!.vsNumpy) ? '-' : checks[i]!.vsNumpy.toExponential(1)).padStart(28)}` +
      ` ${checks[i]!.reconstruction.toExponential(1).padStart(17)}`,
  );
}
if (!withOld) console.log('old (Jacobi) skipped (--no-old); it measured 18.8 s at 832x832 on the 2-core machine issue 11 was filed on');

/** Largest |s_ours - s_numpy| / s_numpy over singular values above 1e-4 of the largest. */
function valueDifference(ours: Float64Array, theirs: number[]): number {
  let worst = 0;
  for (let k = 0; k < theirs.length; k++) {
    if (theirs[k]! < 1e-4 * theirs[0]!) continue;
    worst = Math.max(worst, Math.abs(ours[k]! - theirs[k]!) / theirs[k]!);
  }
  return worst;
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
