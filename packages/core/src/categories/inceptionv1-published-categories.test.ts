import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INCEPTIONV1_5X5_ABOUT, inceptionV1PublishedCategories } from './inceptionv1-published-categories';
import { REFERENCE_CATEGORIES_SHA256, REFERENCE_CATEGORIES_URL } from './reference-categories.test-support';

describe('inceptionV1PublishedCategories', () => {
  it('bundles the published document byte for byte (its sha256)', () => {
    const digest = createHash('sha256').update(readFileSync(REFERENCE_CATEGORIES_URL)).digest('hex');
    expect(digest).toBe(REFERENCE_CATEGORIES_SHA256);
  });

  it('keeps the attribution to Voss et al. under CC-BY 4.0', () => {
    expect(INCEPTIONV1_5X5_ABOUT).toMatch(/Voss et al\., Distill 2021, CC-BY 4\.0/);
  });

  it('is the published label set of the inceptionv1 model, with the three 5x5 branches', () => {
    const { labelSet, layers } = inceptionV1PublishedCategories();
    expect([labelSet.id, labelSet.modelId, labelSet.source]).toEqual(['published:inceptionv1-5x5', 'inceptionv1', 'published']);
    expect(layers.map((l) => [l.layer, l.branch.range])).toEqual([
      ['mixed3a', [192, 224]],
      ['mixed3b', [320, 416]],
      ['mixed4a', [396, 444]],
    ]);
  });
});
