import { describe, expect, it } from 'vitest';
import { neuronHref } from './neuron-href';

describe('neuronHref', () => {
  it('builds the portal path of a unit, encoding each part', () => {
    expect(neuronHref('inceptionv1', 'mixed3a', 197)).toBe('/neurons/inceptionv1/mixed3a/197');
    expect(neuronHref('m', 'features.0/conv', 0)).toBe('/neurons/m/features.0%2Fconv/0');
  });

  it('names a bad unit', () => {
    expect(() => neuronHref('m', 'l', -1)).toThrow(/unit must be a non-negative integer, got -1/);
  });
});
