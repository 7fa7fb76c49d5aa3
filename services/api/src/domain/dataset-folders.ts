import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the natural-image default dataset is built (`packages/training/scripts/build-default-dataset.ts`). */
export const DATASETS_DIR = fileURLToPath(new URL('../../../../data/datasets', import.meta.url));
export const DEFAULT_DATASET = { id: 'natural-default', name: 'Natural images (default)', path: path.join(DATASETS_DIR, 'natural-default') };

/** Folders `registerDataset` accepts paths under: `BRANCHSCOPE_DATASET_DIRS` (path-delimiter separated), or data/datasets. */
export function datasetRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.BRANCHSCOPE_DATASET_DIRS?.split(path.delimiter).filter((dir) => dir.trim() !== '');
  return configured && configured.length > 0 ? configured.map((dir) => path.resolve(dir)) : [DATASETS_DIR];
}

const IMAGE = /\.(jpe?g|png)$/i;

/** What an image folder holds: class sub-folders of JPEG or PNG images. */
export interface FolderContents {
  path: string;
  classes: string[];
  images: number;
}

/** Why a folder cannot be a dataset, as a sentence naming it; thrown by {@link readImageFolder}. */
export class DatasetFolderError extends Error {}

const inside = (dir: string, root: string) => {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * The real path of `folder` and its classes and image count, checked: it must exist, be a folder, lie (links
 * resolved) under one of `roots`, and hold class sub-folders with at least one JPEG or PNG image.
 */
export async function readImageFolder(folder: string, roots: readonly string[]): Promise<FolderContents> {
  let real: string;
  try {
    real = await realpath(path.resolve(folder));
  } catch {
    throw new DatasetFolderError(`dataset folder '${folder}' does not exist on the server`);
  }
  if (!(await stat(real)).isDirectory()) throw new DatasetFolderError(`dataset path '${folder}' is a file; give the folder holding class sub-folders of images`);
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  if (!realRoots.some((root) => inside(real, root))) {
    throw new DatasetFolderError(`dataset folder '${folder}' is not under a folder this server reads datasets from (${roots.join(', ')}; set BRANCHSCOPE_DATASET_DIRS)`);
  }
  const entries = (await readdir(real, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  const classes = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length === 0) throw new DatasetFolderError(`dataset folder '${folder}' has no class sub-folders (it needs <folder>/<class>/<image>.png or .jpg)`);
  let images = 0;
  for (const name of classes) images += (await readdir(path.join(real, name))).filter((file) => IMAGE.test(file)).length;
  if (images === 0) throw new DatasetFolderError(`dataset folder '${folder}' has no JPEG or PNG image in its class sub-folders`);
  return { path: real, classes, images };
}
