import { describe, expect, it } from 'vitest';
import { alexnetGraph } from '@branchscope/core';
import { seededWeights } from './seeded-weights';

const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('seededWeights', () => {
  const graph = alexnetGraph();

  it('gives identical bytes for the same seed, whatever order layers are asked for', () => {
    const a = seededWeights(graph, 7);
    const b = seededWeights(graph, 7);
    b.conv('conv4');
    // Buffer.equals: vitest's deep equality is slow on 300k-element arrays.
    expect(bytes(a.conv('conv2').data).equals(bytes(b.conv('conv2').data))).toBe(true);
  });

  it('gives different weights for a different seed', () => {
    const a = seededWeights(graph, 7).conv('conv2').data;
    const b = seededWeights(graph, 8).conv('conv2').data;
    const same = a.filter((v, i) => v === b[i]).length;
    expect(same).toBeLessThan(a.length / 1000);
  });

  it('gives different layers different values for the same seed', () => {
    const w = seededWeights(graph, 7);
    expect(w.conv('conv4').data.slice(0, 16)).not.toEqual(w.conv('conv5').data.slice(0, 16));
  });

  it('shapes conv weights OIHW with the input split by group', () => {
    const w = seededWeights(graph, 1);
    expect(w.conv('conv1').shape).toEqual([96, 3, 11, 11]);
    expect(w.conv('conv2')).toMatchObject({ shape: [256, 48, 5, 5], group: 2 });
    expect(w.conv('conv3').shape).toEqual([384, 256, 3, 3]);
    expect(w.conv('conv4').shape).toEqual([384, 192, 3, 3]);
    expect(w.conv('conv5').shape).toEqual([256, 192, 3, 3]);
    expect(w.conv('conv5').data.length).toBe(256 * 192 * 9);
    expect(w.convBias('conv5').length).toBe(256);
  });

  it('scales conv weights He-normal: standard deviation sqrt(2 / fan_in) within 2%', () => {
    const { data } = seededWeights(graph, 3).conv('conv2');
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const variance = data.reduce((s, v) => s + (v - mean) ** 2, 0) / data.length;
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(Math.abs(Math.sqrt(variance) / Math.sqrt(2 / (48 * 25)) - 1)).toBeLessThan(0.02);
  });

  it('shapes dense weights [out, in] with in taken from the flattened input', () => {
    const w = seededWeights(graph, 1);
    expect(w.dense('fc8').shape).toEqual([1000, 4096]);
    expect(w.denseBias('fc8').length).toBe(1000);
  });

  it('names the layer that is missing or of another op', () => {
    const w = seededWeights(graph, 1);
    expect(() => w.conv('conv9')).toThrow("graph 'AlexNet (BVLC)' has no layer 'conv9'");
    expect(() => w.conv('fc6')).toThrow("layer 'fc6' of graph 'AlexNet (BVLC)' is a dense, not a conv");
    expect(() => w.batchnorm('conv1')).toThrow('is a conv, not a batchnorm');
  });
});
