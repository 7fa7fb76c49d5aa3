// Builds the natural-image default dataset from installed Debian packages into data/datasets/natural-default/.
// Usage: npx tsx packages/training/scripts/build-default-dataset.ts [outDir]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImageDataset } from '../src/default-dataset/build-image-dataset';
import { DEFAULT_DATASET_PACKAGES, debianSources, installedPackageInfo } from '../src/default-dataset/debian-sources';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'data/datasets/natural-default'));
const started = Date.now();
const sources = await debianSources(DEFAULT_DATASET_PACKAGES);
const provenance = await buildImageDataset({ sources, outDir, packageInfo: installedPackageInfo, name: 'natural-default' });
const licences = new Map<string, number>();
for (const image of provenance.images) licences.set(`${image.package}: ${image.licence}`, (licences.get(`${image.package}: ${image.licence}`) ?? 0) + 1);
console.log(`natural-default: ${provenance.classes.length} classes, ${provenance.images.length} images in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
for (const [what, count] of licences) console.log(`  ${count} images  ${what}`);
if (provenance.excluded.length > 0) console.log(`  left out: ${provenance.excluded.map((e) => `${path.basename(e.source)} (${e.reason})`).join(', ')}`);
