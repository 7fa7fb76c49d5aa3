import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { licenceOf, parseCopyright, type CopyrightStanza } from './dep5-licence';
import { sourcePixels } from './source-pixels';

/** One source image and the Debian package that installed it. */
export interface DatasetSource {
  file: string;
  package: string;
  /** What upstream says of the file beyond the Debian copyright file (e.g. a wallpaper's author and licence). */
  upstream?: string;
}

/** What the builder needs to know about a package: its version and its DEP-5 copyright file's text. */
export interface PackageInfo {
  version: string;
  copyright: string;
}

export interface BuildImageDatasetOptions {
  sources: readonly DatasetSource[];
  /** The dataset folder; replaced as a whole once every image is written. */
  outDir: string;
  packageInfo: (pkg: string) => PackageInfo | Promise<PackageInfo>;
  /** Side of every written image in pixels (default 128). */
  side?: number;
  /** Also write a greyscale copy into each class, so colour alone cannot tell classes apart (default true). */
  greyCopies?: boolean;
  /** Sources smaller than this on either side are left out and listed as excluded (default 32). */
  minSourceSide?: number;
  /** Recorded in PROVENANCE.json. */
  name?: string;
}

export interface ProvenanceImage {
  /** Path inside the dataset folder, `<class>/<colour|grey>.png`. */
  file: string;
  class: string;
  variant: 'colour' | 'grey';
  source: string;
  package: string;
  version: string;
  licence: string;
  copyright: string;
  /** What upstream says of the source beyond the Debian copyright file, where it says more. */
  upstream?: string;
}

export interface Provenance {
  name: string;
  side: number;
  greyCopies: boolean;
  classes: string[];
  images: ProvenanceImage[];
  excluded: { source: string; package: string; reason: string }[];
}

/** A file's name without extension; for a file named by its size (a KDE wallpaper's `contents/images/2560x1600.jpg`), the wallpaper's folder. */
const nameOf = (file: string): string => {
  const base = path.basename(file, path.extname(file));
  return /^\d+x\d+$/.test(base) ? path.basename(path.resolve(path.dirname(file), '../..')) : base;
};

const stem = (file: string): string =>
  nameOf(file)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Class names `pattern-<stem>` / `photo-<stem>`, made unique with the package name and then a counter. */
function classNames(sources: readonly DatasetSource[]): string[] {
  const base = sources.map((s) => `${s.file.toLowerCase().endsWith('.pat') ? 'pattern' : 'photo'}-${stem(s.file)}`);
  const seen = new Set<string>();
  return base.map((name, i) => {
    let unique = seen.has(name) ? `${name}-${sources[i]!.package}` : name;
    for (let n = 2; seen.has(unique); n++) unique = `${name}-${n}`;
    seen.add(unique);
    return unique;
  });
}

/**
 * Builds an image-folder dataset (one class per source image) from installed files: each source becomes
 * `<class>/colour.png` and, with `greyCopies`, `<class>/grey.png`, all `side` x `side`; `PROVENANCE.json`
 * names every image's source file, package, version and licence (from the package's copyright file).
 * Written to a temporary folder first, so a failed build leaves any previous dataset in place.
 * @throws Error naming the source file that cannot be read, or the package whose copyright does not cover it.
 */
export async function buildImageDataset(options: BuildImageDatasetOptions): Promise<Provenance> {
  const side = options.side ?? 128;
  const greyCopies = options.greyCopies ?? true;
  const minSide = options.minSourceSide ?? 32;
  if (options.sources.length === 0) throw new Error('buildImageDataset: no source images were given');
  const tmp = `${options.outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const infos = new Map<string, { version: string; stanzas: CopyrightStanza[] }>();
  const provenance: Provenance = { name: options.name ?? path.basename(options.outDir), side, greyCopies, classes: [], images: [], excluded: [] };
  try {
    const names = classNames(options.sources);
    for (const [i, source] of options.sources.entries()) {
      if (!infos.has(source.package)) {
        const info = await options.packageInfo(source.package);
        infos.set(source.package, { version: info.version, stanzas: parseCopyright(info.copyright) });
      }
      const { version, stanzas } = infos.get(source.package)!;
      let licence;
      try {
        licence = licenceOf(stanzas, source.file);
      } catch (err) {
        throw new Error(`package ${source.package}: ${(err as Error).message}`);
      }
      const pixels = await sourcePixels(source.file, side);
      if (pixels.sourceWidth < minSide || pixels.sourceHeight < minSide) {
        provenance.excluded.push({ source: source.file, package: source.package, reason: `${pixels.sourceWidth} x ${pixels.sourceHeight} is smaller than ${minSide} px` });
        continue;
      }
      const name = names[i]!;
      await mkdir(path.join(tmp, name));
      const raw = sharp(pixels.data, { raw: { width: side, height: side, channels: 3 } });
      const variants: ('colour' | 'grey')[] = greyCopies ? ['colour', 'grey'] : ['colour'];
      for (const variant of variants) {
        const file = `${name}/${variant}.png`;
        const image = variant === 'grey' ? raw.clone().greyscale().toColourspace('b-w') : raw.clone();
        await image.png({ compressionLevel: 9 }).toFile(path.join(tmp, file));
        provenance.images.push({
          file,
          class: name,
          variant,
          source: source.file,
          package: source.package,
          version,
          licence: licence.licence,
          copyright: licence.copyright,
          ...(source.upstream ? { upstream: source.upstream } : {}),
        });
      }
      provenance.classes.push(name);
    }
    await writeFile(path.join(tmp, 'PROVENANCE.json'), `${JSON.stringify(provenance, null, 2)}\n`);
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(path.dirname(options.outDir), { recursive: true });
    await rename(tmp, options.outDir);
    return provenance;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
