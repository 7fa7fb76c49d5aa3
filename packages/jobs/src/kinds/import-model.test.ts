import { describe, expect, it } from 'vitest';
import { importedModelId, importModelKey } from './import-model';

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
