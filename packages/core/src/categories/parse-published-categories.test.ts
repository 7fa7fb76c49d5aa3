import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePublishedCategories, PublishedCategoriesError } from './parse-published-categories';
import { loadReferenceCategories } from './reference-categories.test-support';

const readReferenceCategories = () => loadReferenceCategories((url) => readFileSync(url, 'utf8'));

const minimal = () => ({
  model: 'Tiny',
  layers: { l1: { units: 8, branch: 'b', range: [2, 6], categories: { A: [2, 3], B: [5] } } },
});

describe('parsePublishedCategories', () => {
  it('reads the three InceptionV1 layers with their 5x5 ranges from the reference file', () => {
    const { layers } = parsePublishedCategories(readReferenceCategories());
    expect(layers.map((l) => [l.layer, l.units, l.branch.name, ...l.branch.range])).toEqual([
      ['mixed3a', 256, '5x5', 192, 224],
      ['mixed3b', 480, '5x5', 320, 416],
      ['mixed4a', 508, '5x5', 396, 444],
    ]);
  });

  it('labels every unit of each reference 5x5 branch exactly once', () => {
    const { labelSet, layers } = parsePublishedCategories(readReferenceCategories());
    for (const { layer, branch } of layers) {
      const units = labelSet.labels.filter((l) => l.layer === layer).map((l) => l.unit);
      const [start, end] = branch.range;
      expect(units.sort((a, b) => a - b)).toEqual(Array.from({ length: end - start }, (_, i) => start + i));
    }
  });

  it('keeps the reference claims and counts 9 black-and-white vs colour and 30 curve units', () => {
    const { labelSet, layers } = parsePublishedCategories(readReferenceCategories());
    expect(layers[0]!.claim?.category).toBe('BW vs Color');
    expect(layers[1]!.claim?.probability).toBeCloseTo(1.6794e-23, 27);
    expect(labelSet.labels.filter((l) => l.category === 'BW vs Color')).toHaveLength(9);
    expect(labelSet.labels.filter((l) => l.layer === 'mixed3b' && l.category === 'Curve Related')).toHaveLength(30);
  });

  it('marks the label set as published with the given id and model', () => {
    const { labelSet } = parsePublishedCategories(minimal(), 'paper:tiny', 'tinynet' as never);
    expect([labelSet.id, labelSet.source, labelSet.modelId]).toEqual(['paper:tiny', 'published', 'tinynet']);
  });

  it('names the field when a range end exceeds the layer', () => {
    const json = minimal();
    json.layers.l1.range = [2, 9];
    expect(() => parsePublishedCategories(json)).toThrow(/layers\.l1\.range\[1\] must be an integer in \[3, 8\], got 9/);
  });

  it('names the category and index of a unit outside the layer', () => {
    const json = minimal();
    json.layers.l1.categories.B = [5, 8];
    expect(() => parsePublishedCategories(json)).toThrow(/layers\.l1\.categories\["B"\]\[1\].*got 8/);
  });

  it('rejects a unit listed in two categories, naming both', () => {
    const json = minimal();
    json.layers.l1.categories.B = [3];
    expect(() => parsePublishedCategories(json)).toThrow(/unit 3 in a second category \(already "A"\)/);
  });

  it('rejects a document without layers with a PublishedCategoriesError on that path', () => {
    try {
      parsePublishedCategories({ model: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PublishedCategoriesError);
      expect((error as PublishedCategoriesError).path).toBe('layers');
    }
  });

  it('rejects a claim whose category the layer does not have', () => {
    const json = { ...minimal(), layers: { l1: { ...minimal().layers.l1, claim: { category: 'C', text: 't', probability: 0.1 } } } };
    expect(() => parsePublishedCategories(json)).toThrow(/layers\.l1\.claim\.category names "C"/);
  });
});
