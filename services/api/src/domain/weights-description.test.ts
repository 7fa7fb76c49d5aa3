import { describe, expect, it } from 'vitest';
import { describeWeights, READING_NOTES } from './weights-description';

const none = { source: null, training: null };

describe('describeWeights', () => {
  it('describes seeded weights as random, with their seed', () => {
    expect(describeWeights({ kind: 'seeded', seed: 1 }, none)).toEqual({
      kind: 'seeded-random',
      seed: 1,
      dataset: null,
      epochs: null,
      fileName: null,
      sha256: null,
      readingNote: READING_NOTES['seeded-random'],
    });
  });

  it('describes checkpoint weights as trained here, with the training record', () => {
    const training = { dataset: 'natural-default', seed: 10, epochs: 45 };
    expect(describeWeights({ kind: 'checkpoint', path: 'x' }, { source: null, training })).toMatchObject({ kind: 'trained-here', ...training });
  });

  it('leaves the training fields null when a checkpoint has no record', () => {
    expect(describeWeights({ kind: 'checkpoint', path: 'x' }, none)).toMatchObject({ kind: 'trained-here', seed: null, dataset: null, epochs: null });
  });

  it('describes stored weights as imported, with the file name and digest', () => {
    const source = { fileName: 'bvlcalexnet-12.onnx', sha256: 'ab'.repeat(32) };
    expect(describeWeights({ kind: 'stored', key: 'k' }, { source, training: null })).toMatchObject({ kind: 'imported', seed: null, ...source });
  });

  it('says what random weights cannot show', () => {
    expect(READING_NOTES['seeded-random']).toMatch(/say nothing about what training learns/);
  });

  it('names an unknown weights kind', () => {
    expect(() => describeWeights({ kind: 'onnx' }, none)).toThrow("weights of kind 'onnx' have no description");
  });
});
