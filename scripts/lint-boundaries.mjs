#!/usr/bin/env node
// The text rules of ARCHITECTURE.md that a module graph cannot see, for the workspace in the current directory (each
// workspace's `lint`) or, from the repository root (turbo's `//#lint-root`), for the files outside the workspaces:
// no path in any file climbs out of the repository, packages/ui never fetches, and no `src/index.ts` has `export *`.
// The import rules (which workspace may import which, relative imports across workspaces, import() and require,
// Node built-ins in core) are dependency-cruiser's, in .dependency-cruiser.cjs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHECKED_FILE, findClimbingPaths } from './lib/climbing-paths.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspace = path.relative(root, process.cwd()).split(path.sep).join('/');

/** Folders never read: installs, build outputs, data, and (from the root) the workspaces, which lint themselves. */
const skipped = new Set(['node_modules', 'dist', 'data', ...(workspace === '' ? ['packages', 'services', 'apps', 'tests'] : [])]);
/** @type {string[]} */
const files = [];
/** @type {string[]} */
const texts = [];
/** @param {string} dir */
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (skipped.has(name) || (name.startsWith('.') && name !== '.ci')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else {
      if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) files.push(full);
      if (CHECKED_FILE.test(name) || path.basename(dir) === '.ci') texts.push(path.relative(root, full));
    }
  }
};
walk(process.cwd());

/** A call that reaches the network from a browser or Node: ui draws what it is given. */
const FETCHING = /(?<![\w.])(fetch|XMLHttpRequest|EventSource)\s*\(|\bnew\s+(WebSocket|XMLHttpRequest|EventSource)\b/;
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  if (rel.startsWith('packages/ui/') && !/\.test\.tsx?$/.test(rel)) {
    text.split('\n').forEach((line, index) => {
      if (FETCHING.test(line.replace(/\/\/.*$/, ''))) problems.push(`${rel}:${index + 1}: fetches data — ui draws what it is given; data comes through @branchscope/client in the apps`);
    });
  }
  if (/(^|\/)src\/index\.tsx?$/.test(rel) && /^\s*export\s+\*\s+from/m.test(text)) {
    problems.push(`${rel}: 'export *' — list the public API by name`);
  }
}

for (const climbing of findClimbingPaths(root, texts)) {
  problems.push(`${climbing} — climbs out of the repository: a clone alone must work; copy what is needed into it`);
}

if (problems.length > 0) {
  console.error(`lint-boundaries: ${problems.length} problem(s) in ${workspace || 'the repository root'}:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`lint-boundaries: ${workspace || 'repository root'} ok (${texts.length} files)`);
