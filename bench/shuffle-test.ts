/**
 * Times @branchscope/core's shuffleTest (spectral clustering of layer graphs, Filan et al. 2020) on stacks of
 * |W|-like matrices: i.i.d. |normal| entries (no structure) and planted blocks (4 blocks, noise 0.3).
 *
 *   npx tsx bench/shuffle-test.ts              # 4 layers x 250 units (1000 nodes), k 4, 100 shuffles
 *   npx tsx bench/shuffle-test.ts 3x128 2 20   # LAYERSxUNITS, k, shuffles
 */
import { createRandom, shuffleTest } from '@branchscope/core';
import type { Matrix } from '@branchscope/core';

const [size = '4x250', kArg = '4', shufflesArg = '100'] = process.argv.slice(2);
const [layers, units] = size.split('x').map(Number) as [number, number];
const k = Number(kArg);
const shuffles = Number(shufflesArg);
if (!(layers >= 2 && units > 0 && k >= 2 && shuffles >= 1)) throw new Error('bench/shuffle-test: usage LAYERSxUNITS K SHUFFLES');

function stack(planted: boolean): Matrix[] {
  const random = createRandom(1);
  const block = (i: number) => Math.floor((i * k) / units);
  return Array.from({ length: layers - 1 }, () => ({
    rows: units,
    cols: units,
    data: Float64Array.from({ length: units * units }, (_, e) => {
      const same = block(Math.floor(e / units)) === block(e % units);
      return planted && same ? 1 + 0.2 * random.next() : Math.abs((planted ? 0.3 : 1) * random.normal());
    }),
  }));
}

for (const planted of [false, true]) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = shuffleTest({ matrices: stack(planted), k, shuffles, seed: 1 });
  const wall = (performance.now() - start) / 1000;
  console.log(
    `${planted ? 'planted' : 'iid    '} ${layers}x${units} k ${k} shuffles ${shuffles}: wall ${wall.toFixed(1)}s ` +
      `cpu ${(process.cpuUsage(cpu).user / 1e6).toFixed(1)}s  n-cut ${result.observedNCut.toFixed(3)} ` +
      `vs ${result.mean.toFixed(3)} +- ${result.sd.toFixed(3)}  z ${result.zScore?.toFixed(1) ?? 'null'}  p ${result.p.toFixed(3)}  ` +
      `eigen residual ${result.clustering.eigenResidual.toExponential(1)}`,
  );
}
