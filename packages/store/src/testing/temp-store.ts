import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alexnetGraph, modelId } from '@branchscope/core';
import type { NewModel } from '../models';

/** A fresh temp folder for one test's database files; `remove()` deletes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'branchscope-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** AlexNet with seeded weights, as the API registers it. */
export function alexnetModel(id = 'alexnet'): NewModel {
  return { id: modelId(id), name: 'AlexNet (BVLC)', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } };
}
