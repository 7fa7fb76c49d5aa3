import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root (/work/main in the dev checkout): four levels up from this folder. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The published InceptionV1 5x5 categories, which live beside the repo in `../shared/reference/`. */
export const REFERENCE_CATEGORIES_PATH = path.resolve(repoRoot, '../shared/reference/inceptionv1-5x5-categories.json');

/** Parsed JSON of the reference file; throws a message naming the expected path when it is missing. */
export function readReferenceCategories(): unknown {
  if (!existsSync(REFERENCE_CATEGORIES_PATH)) {
    throw new Error(
      `reference file missing: expected ${REFERENCE_CATEGORIES_PATH} (shared/reference/ beside the repo root ${repoRoot})`,
    );
  }
  return JSON.parse(readFileSync(REFERENCE_CATEGORIES_PATH, 'utf8'));
}
