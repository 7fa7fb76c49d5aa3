import { describe, expect, it } from 'vitest';
import { alexnetGraph, type Graph } from '@branchscope/core';
import { inferShapes, pooledLength } from './infer-shapes';

describe('inferShapes', () => {
  it('computes AlexNet shapes from 224x224 down to 6x6x256 before flatten', () => {
    const shapes = inferShapes(alexnetGraph());
    expect(shapes.get('conv1')).toEqual([96, 54, 54]);
    expect(shapes.get('pool1')).toEqual([96, 27, 27]);
    expect(shapes.get('conv2')).toEqual([256, 27, 27]);
    expect(shapes.get('pool5')).toEqual([256, 6, 6]);
    expect(shapes.get('flatten')).toEqual([9216]);
    expect(shapes.get('prob')).toEqual([1000]);
  });

  it('drops a ceil-mode window that would start inside the trailing pad', () => {
    // 6 wide, kernel 2, stride 2, pad 1 after: ceil gives 4 windows, the 4th would start at 6 (in the pad).
    expect(pooledLength(6, 2, 2, 0, 1, true)).toBe(3);
    expect(pooledLength(112, 3, 2, 0, 0, true)).toBe(56);
    expect(pooledLength(112, 3, 2, 0, 0, false)).toBe(55);
  });

  it('names the node whose declared channels disagree with its inputs', () => {
    const g: Graph = {
      name: 'bad',
      inputShape: [3, 8, 8],
      inputRange: [0, 1],
      output: 'cat',
      nodes: [
        { name: 'x', op: 'input', inputs: [], channels: 3 },
        { name: 'r', op: 'relu', inputs: ['x'], channels: 3 },
        { name: 'cat', op: 'concat', inputs: ['x', 'r'], channels: 5, axis: 1 },
      ],
    };
    expect(() => inferShapes(g)).toThrow("node 'cat' (concat) declares 5 channels but computes 6");
  });
});
