import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogueFile } from './catalogue-file';

describe('readCatalogueFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'catalogue-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: unknown) => {
    const target = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
  const minimal = { id: 'mirror-alexnet', name: 'AlexNet (lab mirror)', format: 'onnx', url: 'https://models.lab/zoo/bvlcalexnet-8.onnx' };

  it('fills in the file name from the URL, a [0, 1] range and no digest', async () => {
    expect(await readCatalogueFile(file([minimal]))).toEqual([
      { ...minimal, fileName: 'bvlcalexnet-8.onnx', sha256: null, bytes: null, inputRange: [0, 1], preprocessing: '', licence: 'not stated', source: minimal.url, notes: '' },
    ]);
  });

  it.each([
    [{ ...minimal, format: 'pytorch' }, /entry 0 \('mirror-alexnet'\): format 'pytorch' is not one of onnx, graphdef/],
    [{ ...minimal, url: 'ftp://x/y.onnx' }, /url 'ftp:\/\/x\/y\.onnx' must be an http:\/\/ or https:\/\/ URL/],
    [{ ...minimal, sha256: 'abc' }, /sha256 must be 64 hex digits or null/],
    [{ ...minimal, bytes: -1 }, /bytes must be a positive whole number or null/],
    [{ ...minimal, inputRange: [1, 0] }, /inputRange must be \[low, high\] with low < high/],
    [{ ...minimal, fileName: '../x.onnx' }, /fileName '\.\.\/x\.onnx' must be a plain file name/],
    [{ ...minimal, id: 'Has Space' }, /id 'Has Space' may hold lower-case letters/],
  ])('refuses an entry naming the file, the entry and the field (%#)', async (entry, message) => {
    const target = file([entry]);
    await expect(readCatalogueFile(target)).rejects.toThrow(message);
    await expect(readCatalogueFile(target)).rejects.toThrow(`catalogue file '${target}'`);
  });

  it('refuses a file that is not a JSON array, a missing file, and a repeated id', async () => {
    await expect(readCatalogueFile(file({ entries: [] }))).rejects.toThrow(/must hold a JSON array of entries/);
    await expect(readCatalogueFile(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read the catalogue file '.*missing\.json': ENOENT/);
    await expect(readCatalogueFile(file([minimal, minimal]))).rejects.toThrow(/lists id 'mirror-alexnet' twice/);
  });
});
