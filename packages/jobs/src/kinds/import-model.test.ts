import { describe, expect, it } from 'vitest';
import { importedModelId, importModelInput, importModelKey } from './import-model';

describe('import keys and ids', () => {
  const sha256 = 'ab'.repeat(32);

  it('gives another key for another input range, and the same key for the same options', () => {
    const key = importModelKey({ sha256, format: 'onnx', inputRange: [0, 1] });
    expect(importModelKey({ sha256, format: 'onnx', inputRange: [0, 1] })).toBe(key);
    expect(importModelKey({ sha256, format: 'onnx', inputRange: [-1, 1] })).not.toBe(key);
  });

  it('makes a readable id from the name and the key', () => {
    expect(importedModelId('BVLC AlexNet (zoo)', 'deadbeef00')).toBe('bvlc-alexnet-zoo-deadbeef');
    expect(importedModelId('???', 'deadbeef00')).toBe('model-deadbeef');
  });
});

describe('importModelInput', () => {
  const digest = { path: '/data/net.onnx', fileName: 'net.onnx', bytes: 10, sha256: 'cd'.repeat(32) };

  it('fills in the default input range and derives key and id from it', () => {
    const input = importModelInput({ name: 'Net', format: 'onnx' }, digest);
    expect(input.inputRange).toEqual([0, 1]);
    expect(input.importKey).toBe(importModelKey({ sha256: digest.sha256, format: 'onnx', inputRange: [0, 1] }));
    expect(input.modelId).toBe(`net-${input.importKey.slice(0, 8)}`);
    expect(input.upload).toBe(false);
  });
});
