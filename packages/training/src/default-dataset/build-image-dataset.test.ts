import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildImageDataset, type Provenance } from './build-image-dataset';
import { encodeGimpPattern } from './gimp-pattern';

const COPYRIGHT = `Files: *\nCopyright: 2020 Someone\nLicense: GPL-2+\n\nFiles: nature/*.png\nCopyright: 2021 Photographer\nLicense: CC-BY-SA-4.0\n`;
const packageInfo = (pkg: string) => ({ version: `1.0-${pkg.length}`, copyright: COPYRIGHT });

describe('buildImageDataset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bs-dataset-'));
    await writeFile(path.join(dir, 'red.png'), await sharp({ create: { width: 80, height: 60, channels: 3, background: '#c03020' } }).png().toBuffer());
    const data = Uint8Array.from({ length: 40 * 40 * 3 }, (_, i) => (i * 37) % 256);
    await writeFile(path.join(dir, 'weave.pat'), encodeGimpPattern({ name: 'Weave', width: 40, height: 40, channels: 3, data }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a colour and a grey copy per class and records each one\'s package, version and licence', async () => {
    const out = path.join(dir, 'out');
    await buildImageDataset({
      sources: [
        { file: path.join(dir, 'red.png'), package: 'photos' },
        { file: path.join(dir, 'weave.pat'), package: 'patterns' },
      ],
      outDir: out,
      packageInfo,
      side: 48,
    });
    const provenance = JSON.parse(await readFile(path.join(out, 'PROVENANCE.json'), 'utf8')) as Provenance;
    expect(provenance.classes).toEqual(['photo-red', 'pattern-weave']);
    expect(provenance.images.map((i) => i.file)).toEqual(['photo-red/colour.png', 'photo-red/grey.png', 'pattern-weave/colour.png', 'pattern-weave/grey.png']);
    expect(provenance.images[0]).toMatchObject({ source: path.join(dir, 'red.png'), package: 'photos', version: '1.0-6', licence: 'GPL-2+', copyright: '2020 Someone' });
    expect(provenance.images[2]).toMatchObject({ package: 'patterns', version: '1.0-8' });
    const grey = await sharp(path.join(out, 'photo-red/grey.png')).stats();
    expect(grey.channels.length).toBe(1);
    expect(grey.channels[0]!.mean).toBeGreaterThan(0x20);
    expect(grey.channels[0]!.mean).toBeLessThan(0xc0);
    expect((await sharp(path.join(out, 'pattern-weave/colour.png')).metadata()).width).toBe(48);
  });

  it('rejects an unreadable image with an error naming it and leaves no dataset behind', async () => {
    const bad = path.join(dir, 'broken.png');
    await writeFile(bad, 'not a png');
    const out = path.join(dir, 'out');
    await expect(
      buildImageDataset({ sources: [{ file: path.join(dir, 'red.png'), package: 'photos' }, { file: bad, package: 'photos' }], outDir: out, packageInfo }),
    ).rejects.toThrow(/cannot read source image '.*broken\.png'/);
    expect(await readdir(dir)).not.toContain('out');
  });

  it('names a class after the wallpaper folder when the file is named by its size, and keeps what upstream says of it', async () => {
    const folder = path.join(dir, 'wallpapers/Path/contents/images');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, '2560x1600.jpg'), await sharp({ create: { width: 64, height: 40, channels: 3, background: '#208040' } }).jpeg().toBuffer());
    const out = path.join(dir, 'out');
    const provenance = await buildImageDataset({
      sources: [{ file: path.join(folder, '2560x1600.jpg'), package: 'wallpapers', upstream: 'Risto, LGPLv3 (metadata.json)' }],
      outDir: out,
      packageInfo,
      side: 32,
    });
    expect(provenance.classes).toEqual(['photo-path']);
    expect(provenance.images[0]).toMatchObject({ licence: 'GPL-2+', upstream: 'Risto, LGPLv3 (metadata.json)' });
  });
});

