import { describe, expect, it } from 'vitest';
import { CLUSTERABILITY_JOB } from './clusterability';
import { FETCH_MODEL_JOB } from './fetch-model';
import { IMPORT_MODEL_JOB } from './import-model';
import { laneOf } from './lanes';
import { RENDER_FEATURES_JOB } from './render-features';
import { SVD_FACTORS_JOB } from './svd-factors';
import { WEIGHT_IMAGES_JOB } from './weight-images';

describe('laneOf', () => {
  it('puts quick jobs, renders and the long synchronous kinds in their own lanes', () => {
    expect([SVD_FACTORS_JOB, WEIGHT_IMAGES_JOB].map(laneOf)).toEqual(['quick', 'quick']);
    expect(laneOf(RENDER_FEATURES_JOB)).toBe('render');
    expect([CLUSTERABILITY_JOB, IMPORT_MODEL_JOB, FETCH_MODEL_JOB].map(laneOf)).toEqual(['heavy', 'heavy', 'heavy']);
  });

  it('runs kinds it does not know in the heavy lane, never the quick one', () => {
    expect(laneOf('some-new-kind')).toBe('heavy');
    expect(laneOf('toString')).toBe('heavy');
  });
});
