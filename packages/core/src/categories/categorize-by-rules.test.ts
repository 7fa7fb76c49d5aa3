import { describe, expect, it } from 'vitest';
import { categorizeByRules, DEFAULT_CATEGORY_RULES, type NeuronDescriptor } from './categorize-by-rules';

const neuron = (unit: number, colorIndex: number, frequency: number): NeuronDescriptor => ({
  layer: 'conv1',
  unit,
  colorIndex,
  frequency,
});

const categoriesOf = (labels: { unit: number; category: string }[], unit: number) =>
  labels.filter((l) => l.unit === unit).map((l) => l.category);

describe('categorizeByRules', () => {
  it('labels colour, black-and-white and leaves the ambiguous middle unlabelled with the defaults', () => {
    const { labels } = categorizeByRules([neuron(0, 0.9, 0.1), neuron(1, 0.1, 0.1), neuron(2, 0.45, 0.1)], {
      dimensions: ['color'],
    });
    expect(labels.map((l) => [l.unit, l.category])).toEqual([
      [0, 'color'],
      [1, 'black-and-white'],
    ]);
  });

  it('puts the thresholds themselves on the labelled side', () => {
    const { labels } = categorizeByRules(
      [neuron(0, DEFAULT_CATEGORY_RULES.colorAtLeast, 0), neuron(1, DEFAULT_CATEGORY_RULES.blackAndWhiteAtMost, 0)],
      { dimensions: ['color'] },
    );
    expect(labels.map((l) => l.category)).toEqual(['color', 'black-and-white']);
  });

  it('splits frequencies into low, mid and high bands', () => {
    const { labels } = categorizeByRules([neuron(0, 0.5, 0.01), neuron(1, 0.5, 0.1), neuron(2, 0.5, 0.3)], {
      dimensions: ['frequency'],
    });
    expect(labels.map((l) => l.category)).toEqual(['low-frequency', 'mid-frequency', 'high-frequency']);
  });

  it('gives one label per dimension when both dimensions are asked for', () => {
    const { labels } = categorizeByRules([neuron(4, 0.95, 0.3)]);
    expect(categoriesOf(labels, 4)).toEqual(['color', 'high-frequency']);
  });

  it('follows adjusted thresholds', () => {
    const { labels } = categorizeByRules([neuron(0, 0.45, 0.1)], { dimensions: ['color'], colorAtLeast: 0.4 });
    expect(labels.map((l) => l.category)).toEqual(['color']);
  });

  it('returns a rule label set for the given model', () => {
    const set = categorizeByRules([neuron(0, 1, 0)], {}, { modelId: 'alexnet' as never, id: 'rule:x' });
    expect([set.source, set.modelId, set.id]).toEqual(['rule', 'alexnet', 'rule:x']);
  });

  it('rejects a colour index outside [0, 1], naming layer and unit', () => {
    expect(() => categorizeByRules([neuron(7, 1.2, 0)])).toThrow(/layer conv1 unit 7: colorIndex .*1\.2/);
  });

  it('rejects a unit described twice', () => {
    expect(() => categorizeByRules([neuron(3, 0, 0), neuron(3, 1, 0)])).toThrow(/unit 3: described twice/);
  });

  it('rejects crossed colour thresholds', () => {
    expect(() => categorizeByRules([], { blackAndWhiteAtMost: 0.7 })).toThrow(/blackAndWhiteAtMost \(0\.7\) must be below colorAtLeast \(0\.6\)/);
  });
});
