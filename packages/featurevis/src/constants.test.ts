import { describe, expect, it } from 'vitest';
import { COLOR_CORRELATION, COLOR_MAX_NORM, RECIPE } from './constants';

describe('recipe constants', () => {
  it('lists the eleven scales 0.90, 0.92, ..., 1.10', () => {
    expect(RECIPE.scales).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1]);
  });

  it('lists 26 angles: -10..10 degrees once each and 0 six times', () => {
    expect(RECIPE.angles).toHaveLength(26);
    expect(RECIPE.angles.filter((a) => a === 0)).toHaveLength(6);
    expect(new Set(RECIPE.angles)).toEqual(new Set(Array.from({ length: 21 }, (_, i) => i - 10)));
  });

  it('uses the largest column norm of the colour correlation matrix as its divisor (within 1e-4)', () => {
    const norms = [0, 1, 2].map((c) => Math.hypot(...COLOR_CORRELATION.map((row) => row[c])));
    expect(Math.abs(Math.max(...norms) - COLOR_MAX_NORM)).toBeLessThan(1e-4);
  });
});
