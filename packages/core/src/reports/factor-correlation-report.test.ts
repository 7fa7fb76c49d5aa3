import { describe, expect, it } from 'vitest';
import { weightFactors } from '../factors/weight-factors';
import type { Matrix } from '../linalg/matrix';
import { createRandom } from '../random/create-random';
import { factorCorrelationReport } from './factor-correlation-report';
import { plantedDescriptors } from './planted-filters.test-support';

/** |W| with 16 grey units feeding mostly outputs 0-15 and 16 colour units mostly outputs 16-31, plus noise. */
function blockAbsW(seed: number): Matrix {
  const random = createRandom(seed);
  const data = new Float64Array(32 * 32);
  for (let i = 0; i < 32; i++) {
    for (let j = 0; j < 32; j++) data[i * 32 + j] = (i < 16 === j < 16 ? 1 : 0.2) * (0.5 + random.next());
  }
  return { rows: 32, cols: 32, data };
}

describe('factorCorrelationReport', () => {
  const descriptors = plantedDescriptors('conv1', [...Array(16).fill('grey'), ...Array(16).fill('color')]);
  const a = blockAbsW(3);
  const report = factorCorrelationReport({
    layer: 'conv1',
    descriptors,
    uncentered: weightFactors(a, { centered: false }),
    centered: weightFactors(a, { centered: true }),
  });
  const row = (centred: boolean, vector: number) => report.rows.find((r) => r.centered === centred && r.vector === vector)!;

  it('finds uncentred vector 0 one-signed, as for any non-negative matrix', () => {
    expect(row(false, 0).oneSigned).toBe(true);
  });

  it('finds colour in uncentred vector 1 and centred vector 0 of a block-structured |W|', () => {
    expect(Math.abs(row(false, 1).colorSpearman)).toBeGreaterThan(0.7);
    expect(Math.abs(row(true, 0).colorSpearman)).toBeGreaterThan(0.7);
    expect(Math.abs(row(false, 0).colorSpearman)).toBeLessThan(0.5);
  });

  it('states in its summary why uncentred vector 0 measures overall use', () => {
    expect(report.summary[0]).toMatch(/non-negative.*one-signed.*overall/);
  });

  it('rejects descriptors that do not match the factor rows, naming the layer', () => {
    expect(() =>
      factorCorrelationReport({ layer: 'conv1', descriptors: descriptors.slice(0, 8), uncentered: weightFactors(a, { centered: false }), centered: weightFactors(a, { centered: true }) }),
    ).toThrow(/conv1: 8 descriptors but the uncentred factors have 32 rows/);
  });
});
