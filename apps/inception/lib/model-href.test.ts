import { describe, expect, it } from 'vitest';
import { layerFromSegment, layerPath, withModel } from './model-href';

describe('withModel', () => {
  it('keeps the URLs of the default model plain', () => {
    expect(withModel('/mixed3a?labelSet=x', 'inceptionv1')).toBe('/mixed3a?labelSet=x');
  });

  it('adds the model to the query string of any other model', () => {
    expect(withModel('/mixed3a', 'googlenet')).toBe('/mixed3a?model=googlenet');
    expect(withModel('/mixed3a?labelSet=x', 'demo 4b')).toBe('/mixed3a?labelSet=x&model=demo%204b');
  });
});

describe('layerPath and layerFromSegment', () => {
  it('round-trip a layer name with a slash', () => {
    expect(layerPath('inception_3a/output')).toBe('/inception_3a%2Foutput');
    expect(layerFromSegment('inception_3a%2Foutput')).toBe('inception_3a/output');
    expect(layerFromSegment('inception_3a/output')).toBe('inception_3a/output');
  });
});
