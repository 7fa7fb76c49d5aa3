import { builtinArchitectures } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { randomWeightsName } from './random-weights-name';

describe('randomWeightsName', () => {
  it('turns a source in parentheses into the topology source', () => {
    expect(randomWeightsName('AlexNet (BVLC)')).toBe('AlexNet (BVLC topology, random weights)');
    expect(randomWeightsName('InceptionV1 (Lucid)')).toBe('InceptionV1 (Lucid topology, random weights)');
  });

  it('appends (random weights) to other names', () => {
    expect(randomWeightsName('ResNet-50 v1')).toBe('ResNet-50 v1 (random weights)');
    expect(randomWeightsName('Small AlexNet, 2 branches')).toBe('Small AlexNet, 2 branches (random weights)');
  });

  it('names every built-in architecture as random weights, each name once', () => {
    const names = builtinArchitectures().map((arch) => randomWeightsName(arch.name));
    expect(names.every((name) => name.includes('random weights'))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
