import { existsSync } from 'node:fs';
import path from 'node:path';
import { getDataset, listDatasets, registerDataset, StoreError, type DatasetRecord, type Store } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput, notFound } from './api-error';
import { DatasetFolderError, DEFAULT_DATASET, datasetRoots, readImageFolder } from './dataset-folders';
import type { Dataset } from '../generated/resolver-types';

/** A registered dataset (the schema's `Dataset`). */
export type DatasetView = Dataset;

const datasetView = (d: DatasetRecord): DatasetView => ({ id: d.id, name: d.name, path: d.path, images: d.images, classes: d.classes, createdAt: d.createdAt });

/** A dataset id from its name: lower case, runs of other characters as one dash. */
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'dataset';

export async function listDatasetViews(deps: ApiDeps): Promise<DatasetView[]> {
  return (await listDatasets(deps.store)).map(datasetView);
}

export async function findDatasetView(deps: ApiDeps, id: string): Promise<DatasetView | null> {
  const dataset = await getDataset(deps.store, id);
  return dataset ? datasetView(dataset) : null;
}

/** The dataset, or NOT_FOUND naming the id and the known ones. */
export async function requireDataset(store: Store, id: string): Promise<DatasetRecord> {
  const dataset = await getDataset(store, id);
  if (dataset) return dataset;
  const known = (await listDatasets(store)).map((d) => d.id);
  throw notFound(`no dataset with id '${id}'; known datasets: ${known.join(', ') || 'none (registerDataset adds one)'}`);
}

/**
 * Registers an image folder on the server (class sub-folders of JPEG or PNG images) under an id made from its name;
 * the same folder registered again returns its dataset. BAD_USER_INPUT names a blank name, a path that does not
 * exist, is a file, lies outside the configured dataset folders or holds no images, or an id another folder has.
 */
export async function registerDatasetFolder(deps: ApiDeps, args: { name: string; path: string }): Promise<DatasetView> {
  if (args.name.trim() === '') throw badInput('name must not be blank');
  if (args.path.trim() === '') throw badInput('path must not be blank');
  try {
    const folder = await readImageFolder(args.path, datasetRoots());
    return datasetView(await registerDataset(deps.store, { id: slug(args.name), name: args.name.trim(), ...folder }));
  } catch (error) {
    if (error instanceof DatasetFolderError || error instanceof StoreError) throw badInput(error.message, error);
    throw error;
  }
}

/**
 * Where the natural-image default dataset is: the first of the folders the server reads datasets from
 * (`BRANCHSCOPE_DATASET_DIRS`, by default data/datasets, where it is built) holding a `natural-default` folder, or
 * null when none does (not built).
 */
export function defaultDatasetPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const folders = datasetRoots(env).map((root) => path.join(root, path.basename(DEFAULT_DATASET.path)));
  return folders.find((folder) => existsSync(folder)) ?? null;
}

/**
 * Registers the natural-image default dataset when it has been built; returns its id then, else null. Once
 * registered it stays where it was found (a later start finding it in another folder keeps the first).
 */
export async function registerDefaultDataset(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const folderPath = defaultDatasetPath(env);
  if (!folderPath) return null;
  if (await getDataset(store, DEFAULT_DATASET.id)) return DEFAULT_DATASET.id;
  const folder = await readImageFolder(folderPath, [folderPath]);
  return (await registerDataset(store, { id: DEFAULT_DATASET.id, name: DEFAULT_DATASET.name, ...folder })).id;
}
