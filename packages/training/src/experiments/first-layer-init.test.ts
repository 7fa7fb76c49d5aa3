import { splitFirstLayerGraph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { seededWeights } from '@branchscope/runtime';
import { scaledFirstLayerInit } from './first-layer-init';

describe('scaledFirstLayerInit', () => {
  const graph = splitFirstLayerGraph({ branches: 4 });
  const seeded = seededWeights(graph, 3);
  const scaled = scaledFirstLayerInit(graph, 3, 0.1);

  it('scales every conv that reads the input', () => {
    for (const layer of ['conv1/b0', 'conv1/b3']) {
      expect(scaled.conv(layer).data[5]).toBeCloseTo(0.1 * seeded.conv(layer).data[5]!, 7);
    }
  });

  it('leaves deeper layers as seeded', () => {
    expect(Array.from(scaled.conv('conv2').data.slice(0, 4))).toEqual(Array.from(seeded.conv('conv2').data.slice(0, 4)));
  });

  it('rejects a scale that is not positive', () => {
    expect(() => scaledFirstLayerInit(graph, 3, 0)).toThrow(/must be positive and finite, got 0/);
  });
});
