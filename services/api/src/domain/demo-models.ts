import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelId, validateGraph, type Graph } from '@branchscope/core';
import type { NewModel } from '@branchscope/store';

/** The repository root: relative checkpoint paths in model records start here (as the worker reads them). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the trained demo models are committed (written by `packages/training/scripts/export-demo-model.ts`). */
export const DEMO_MODELS_DIR = path.join(REPO_ROOT, 'packages/training/demo-models');

interface DemoIndexEntry {
  id: string;
  name: string;
  family: string;
  dir: string;
}

/**
 * The committed trained demo models as model records: graph from `<dir>/graph.json`, weights
 * `{ kind: 'checkpoint', path }` (relative to the repository root when inside it), which the worker reads.
 * No index file means no demo models. Throws naming the file when the index or a graph is unreadable.
 */
export function demoModels(dir = DEMO_MODELS_DIR): NewModel[] {
  const indexFile = path.join(dir, 'index.json');
  if (!existsSync(indexFile)) return [];
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`demo models: cannot read '${file}': ${(error as Error).message}`);
    }
  };
  return (read(indexFile) as DemoIndexEntry[]).map((entry) => {
    const folder = path.join(dir, entry.dir);
    const graph = read(path.join(folder, 'graph.json')) as Graph;
    validateGraph(graph);
    const relative = path.relative(REPO_ROOT, folder);
    return {
      id: modelId(entry.id),
      name: entry.name,
      family: entry.family,
      graph,
      weights: { kind: 'checkpoint', path: relative.startsWith('..') ? folder : relative },
    };
  });
}
