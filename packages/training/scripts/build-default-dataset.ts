// Builds the natural-image default dataset from Debian packages into data/datasets/natural-default/, installing the
// packages it lacks with apt-get when run as root (otherwise it names them and stops).
// Usage: npx tsx packages/training/scripts/build-default-dataset.ts [outDir] [--packages a,b,...]
//   --packages builds from those of the default packages only (e.g. gimp-data,gimp-data-extras,mate-backgrounds,
//   the 175-class dataset the experiments in EXPERIMENTS.md were trained on).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImageDataset } from '../src/default-dataset/build-image-dataset';
import { DEFAULT_DATASET_PACKAGES, debianSources, installedPackageInfo, missingPackages, PACKAGES_WITHOUT_PHOTOGRAPHS } from '../src/default-dataset/debian-sources';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const at = args.indexOf('--packages');
const only = at >= 0 ? args.splice(at, 2)[1]?.split(',').filter(Boolean) : undefined;
if (at >= 0 && !only?.length) throw new Error('--packages needs a comma-separated list of package names');
const unknown = (only ?? []).filter((pkg) => !DEFAULT_DATASET_PACKAGES.some((s) => s.package === pkg));
if (unknown.length > 0) {
  console.error(`build-default-dataset: not a package of the default dataset: ${unknown.join(', ')}; known: ${DEFAULT_DATASET_PACKAGES.map((s) => s.package).join(', ')}`);
  process.exit(1);
}
const selections = only ? DEFAULT_DATASET_PACKAGES.filter((s) => only.includes(s.package)) : DEFAULT_DATASET_PACKAGES;
const outDir = path.resolve(args[0] ?? path.join(root, 'data/datasets/natural-default'));

const missing = missingPackages(selections);
if (missing.length > 0) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`build-default-dataset: the dataset needs Debian packages that are not installed; install them as root with:\n  apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian packages for the dataset: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

const started = Date.now();
const sources = await debianSources(selections);
const provenance = await buildImageDataset({ sources, outDir, packageInfo: installedPackageInfo, name: 'natural-default' });
console.log(`natural-default: ${provenance.classes.length} classes, ${provenance.images.length} images in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const perSource = new Map<string, { classes: Set<string>; images: number; licences: Set<string> }>();
for (const image of provenance.images) {
  const row = perSource.get(image.package) ?? { classes: new Set(), images: 0, licences: new Set() };
  row.classes.add(image.class);
  row.images += 1;
  row.licences.add(image.licence);
  perSource.set(image.package, row);
}
for (const [pkg, row] of perSource) console.log(`  ${pkg}: ${row.classes.size} source images, ${row.images} images (${[...row.licences].join('; ')})`);
if (provenance.excluded.length > 0) console.log(`  left out: ${provenance.excluded.map((e) => `${path.basename(e.source)} (${e.reason})`).join(', ')}`);
if (!only) for (const { package: pkg, why } of PACKAGES_WITHOUT_PHOTOGRAPHS) console.log(`  not used: ${pkg} (no photographs: ${why})`);
