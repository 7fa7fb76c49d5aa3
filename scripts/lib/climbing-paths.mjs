// Finds relative paths that climb out of the repository root (one parent step from a root file, five from a file
// deep in a package): a clone of the repository alone must build, test and read its docs without anything beside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Files whose text is checked: code, configuration, docs and scripts. */
export const CHECKED_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|ya?ml|sh|css)$/;

const RELATIVE_PATH = /(?<![\w./-])(?:\.\.\/)+[\w@.-]*[\w@./-]*/g;

/**
 * Every relative path in `files` (paths relative to `root`) that resolves, from its file's folder, to a place outside
 * `root`, as `file:line: path`.
 */
export function findClimbingPaths(root, files) {
  const found = [];
  for (const file of files) {
    if (path.basename(file) === 'package-lock.json') continue;
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const [relative] of line.matchAll(RELATIVE_PATH)) {
        const target = path.resolve(root, path.dirname(file), relative);
        if (path.relative(root, target).startsWith('..')) found.push(`${file}:${index + 1}: ${relative}`);
      }
    });
  }
  return found;
}
