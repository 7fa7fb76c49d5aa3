// Finds relative paths that climb out of the repository root (one parent step from a root file, five from a file
// deep in a package): a clone of the repository alone must build, test and read its docs without anything beside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Files whose text is checked: code, configuration, docs and scripts. */
export const CHECKED_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|ya?ml|sh|css)$/;

const RELATIVE_PATH = /(?<![\w./-])(?:\.\.\/)+[\w@.-]*[\w@./-]*/g;
/** A parent step taken from the repository root itself, as a separate segment: path.join(a root folder, the parent segment, ...). */
const ABOVE_ROOT = /path\.(?:join|resolve)\(\s*[\w.]*root[\w.]*\s*,\s*(['"`])\.\.\1/gi;

/**
 * Every relative path in `files` (paths relative to `root`) that resolves, from its file's folder, to a place outside
 * `root`, and every parent step joined onto a root folder, as `file:line: path`.
 * @param {string} root
 * @param {string[]} files
 * @returns {string[]}
 */
export function findClimbingPaths(root, files) {
  /** @type {string[]} */
  const found = [];
  for (const file of files) {
    if (path.basename(file) === 'package-lock.json') continue;
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const [relative] of line.matchAll(RELATIVE_PATH)) {
        const target = path.resolve(root, path.dirname(file), relative);
        if (path.relative(root, target).startsWith('..')) found.push(`${file}:${index + 1}: ${relative}`);
      }
      for (const [call] of line.matchAll(ABOVE_ROOT)) found.push(`${file}:${index + 1}: ${call}`);
    });
  }
  return found;
}
