import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededArray } from '@branchscope/runtime/testing';
import type { SkippedImage } from './image-dataset';
import { openImageFolder } from './open-image-folder';

let root: string;
const raw = (width: number, height: number, channels: 1 | 3 | 4, data: Uint8Array) => sharp(Buffer.from(data), { raw: { width, height, channels } });
const noise = Uint8Array.from(seededArray(16 * 16 * 3, 'noise', 0, 256), Math.floor);

async function folder(name: string, files: Record<string, Buffer | string>): Promise<string> {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nn-images-'));
  await folder('good', {
    'red/wide.png': await raw(40, 20, 3, new Uint8Array(40 * 20 * 3).map((_, i) => (i % 3 === 0 ? 200 : 10))).png().toBuffer(),
    'red/noise.png': await raw(16, 16, 3, noise).png().toBuffer(),
    'red/notes.txt': 'not an image',
    'grey/flat.jpg': await raw(16, 24, 1, new Uint8Array(16 * 24).fill(100)).jpeg({ quality: 100 }).toBuffer(),
    'grey/CLEAR.PNG': await raw(16, 16, 4, new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : 60))).png().toBuffer(),
    'grey/broken.jpg': Buffer.from('this is not a jpeg at all'),
    'grey/truncated.png': (await raw(16, 16, 3, noise).png().toBuffer()).subarray(0, 60),
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('openImageFolder', () => {
  const quiet = { onSkip: () => {} };

  it('reads class sub-folders in code-point order with their JPEG and PNG images, ignoring other files', async () => {
    const ds = await openImageFolder(path.join(root, 'good'), { cropSize: 16, ...quiet });
    expect(ds.classes).toEqual(['grey', 'red']);
    expect(ds.images.map((im) => [path.basename(im.file), im.label])).toEqual([
      ['CLEAR.PNG', 0],
      ['flat.jpg', 0],
      ['noise.png', 1],
      ['wide.png', 1],
    ]);
  });

  it('skips unreadable images with a message naming each file and keeps the rest', async () => {
    const told: SkippedImage[] = [];
    const ds = await openImageFolder(path.join(root, 'good'), { cropSize: 16, onSkip: (s) => told.push(s) });
    expect(ds.skipped.map((s) => path.basename(s.file))).toEqual(['broken.jpg', 'truncated.png']);
    for (const s of ds.skipped) expect(s.message).toContain(`cannot read image '${s.file}'`);
    expect(told.map((s) => s.file).sort()).toEqual(ds.skipped.map((s) => s.file));
    expect(ds.size).toBe(4);
  });

  it('resizes the shorter side to the requested size, keeping the aspect ratio', async () => {
    const ds = await openImageFolder(path.join(root, 'good'), { cropSize: 10, resize: 10, ...quiet });
    const wide = ds.images.find((im) => im.file.endsWith('wide.png'))!;
    const tall = ds.images.find((im) => im.file.endsWith('flat.jpg'))!;
    expect([wide.width, wide.height, tall.width, tall.height]).toEqual([20, 10, 10, 15]);
    expect([...wide.data.subarray(0, 3)]).toEqual([200, 10, 10]);
  });

  it('decodes a PNG at its own size byte for byte', async () => {
    const ds = await openImageFolder(path.join(root, 'good'), { cropSize: 16, resize: 16, ...quiet });
    expect(ds.images.find((im) => im.file.endsWith('noise.png'))!.data).toEqual(noise);
  });

  it('expands grey images to RGB and drops an opaque alpha channel', async () => {
    const ds = await openImageFolder(path.join(root, 'good'), { cropSize: 16, resize: 16, ...quiet });
    const byName = (n: string) => ds.images.find((im) => im.file.endsWith(n))!;
    expect(byName('flat.jpg').data.length).toBe(16 * 24 * 3);
    expect(Math.max(...byName('flat.jpg').data.map((v) => Math.abs(v - 100)))).toBeLessThanOrEqual(1);
    expect(byName('CLEAR.PNG').data).toEqual(new Uint8Array(16 * 16 * 3).fill(60));
  });

  it('names a class folder left with no readable image', async () => {
    const dir = await folder('empty-class', { 'cat/a.png': await raw(16, 16, 3, noise).png().toBuffer(), 'dog/bad.png': 'garbage' });
    await expect(openImageFolder(dir, { cropSize: 16, ...quiet })).rejects.toThrow(`class folder 'dog' in '${dir}' has no readable JPEG or PNG image`);
  });

  it('names a folder without class sub-folders, and one that does not exist', async () => {
    const flat = await folder('flat', { 'a.png': await raw(16, 16, 3, noise).png().toBuffer() });
    await expect(openImageFolder(flat)).rejects.toThrow(`'${flat}' has no class sub-folders`);
    await expect(openImageFolder(path.join(root, 'missing'))).rejects.toThrow(`cannot read folder '${path.join(root, 'missing')}'`);
  });
});
