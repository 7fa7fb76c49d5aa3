import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET_PACKAGES, debianSources, kdeWallpaperMetadata, missingPackages, PACKAGES_WITHOUT_PHOTOGRAPHS } from './debian-sources';

describe('debianSources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bs-dpkg-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('takes the photographs of a wallpaper package from its dpkg list, with what upstream says of each', async () => {
    const wallpaper = path.join(dir, 'share/wallpapers/Path');
    await mkdir(path.join(wallpaper, 'contents/images'), { recursive: true });
    await writeFile(path.join(wallpaper, 'metadata.json'), JSON.stringify({ KPlugin: { Authors: [{ Name: 'Risto' }], License: 'LGPLv3' } }));
    const files = ['contents/images/2560x1600.jpg', 'contents/images/1920x1080.jpg', 'contents/screenshot.png'].map((f) => path.join(wallpaper, f));
    await writeFile(path.join(dir, 'kde-walls.list'), `${files.join('\n')}\n`);
    const sources = await debianSources([{ package: 'kde-walls', include: /\/2560x1600\.jpg$/, upstream: kdeWallpaperMetadata }], dir);
    expect(sources).toEqual([{ file: files[0], package: 'kde-walls', upstream: 'Risto, LGPLv3 (metadata.json)' }]);
  });

  it('names the packages that are not installed, and the command that installs one', async () => {
    await writeFile(path.join(dir, 'here.list'), '/x.jpg\n');
    expect(missingPackages([{ package: 'here', include: /x/ }, { package: 'gone', include: /x/ }], dir)).toEqual(['gone']);
    await expect(debianSources([{ package: 'gone', include: /x/ }], dir)).rejects.toThrow(/gone is not installed .*apt-get install -y gone/);
  });

  it('draws the default from the photograph packages and says which wallpaper packages hold none', () => {
    const used = DEFAULT_DATASET_PACKAGES.map((s) => s.package);
    expect(used).toEqual(expect.arrayContaining(['mate-backgrounds', 'lomiri-wallpapers-16.04', 'lomiri-wallpapers-20.04', 'plasma-workspace-wallpapers']));
    expect(PACKAGES_WITHOUT_PHOTOGRAPHS.map((p) => p.package).filter((pkg) => used.includes(pkg))).toEqual([]);
  });
});
