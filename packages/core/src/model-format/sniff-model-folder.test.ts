import { describe, expect, it } from 'vitest';
import { sniffModelFolder } from './sniff-model-folder';

describe('sniffModelFolder', () => {
  it('recognises a SavedModel by saved_model.pb or saved_model.pbtxt', () => {
    expect(sniffModelFolder(['variables', 'saved_model.pb', 'assets'])).toEqual({ format: 'tf-saved-model', evidence: 'a folder with saved_model.pb' });
    expect(sniffModelFolder(['saved_model.pbtxt']).format).toBe('tf-saved-model');
  });

  it('recognises a TF.js folder by model.json, and names a few files of anything else', () => {
    expect(sniffModelFolder(['group1-shard1of1.bin', 'model.json']).format).toBe('tfjs');
    expect(sniffModelFolder(['a.txt', 'b.txt', 'c.txt', 'd.txt'])).toEqual({ format: 'unknown', evidence: 'a folder with a.txt, b.txt, c.txt, ...' });
    expect(sniffModelFolder([]).evidence).toBe('an empty folder');
  });
});
