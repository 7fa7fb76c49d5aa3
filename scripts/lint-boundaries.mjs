#!/usr/bin/env node
// Enforces the dependency rules of ARCHITECTURE.md for the workspace in the current directory:
// each rule is an absence ("ui never imports client"). Run as every workspace's `lint` script, and from the
// repository root (turbo's `//#lint-root`) for the files outside the workspaces. In both, no path may climb out of
// the repository root.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHECKED_FILE, findClimbingPaths } from './lib/climbing-paths.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspace = path.relative(root, process.cwd()).split(path.sep).join('/');

const apps = ['@branchscope/portal', '@branchscope/alexnet', '@branchscope/inception', '@branchscope/resnet'];
const services = ['@branchscope/api', '@branchscope/worker'];
const tensors = ['@branchscope/runtime', '@branchscope/model-import', '@branchscope/ort-engine', '@branchscope/featurevis', '@branchscope/training'];
const domain = ['@branchscope/core', ...tensors, '@branchscope/store', '@branchscope/jobs'];

/** workspace prefix -> forbidden import prefixes, with the reason printed on a violation. */
const rules = [
  { scope: 'packages/', forbid: [...apps, ...services, '@branchscope/tests'], why: 'packages never depend on apps or services' },
  { scope: 'packages/core', forbid: ['@tensorflow/', 'node:', 'fs', 'path', '@branchscope/'], why: 'core is pure: no I/O, no tensors, no other workspace' },
  { scope: 'packages/ui', forbid: ['@branchscope/', '@tensorflow/'], why: 'ui draws what it is given: no data fetching, no domain code' },
  { scope: 'packages/client', forbid: ['@branchscope/', '@tensorflow/'], why: 'client only speaks GraphQL' },
  { scope: 'services/api', forbid: ['@tensorflow/', ...tensors], why: 'the API never touches tensors: heavy work goes through the job queue' },
  { scope: 'apps/', forbid: [...domain, ...services, '@tensorflow/'], why: 'apps get data only through the client package' },
];

/** Folders never read: installs, build outputs, data, and (from the root) the workspaces, which lint themselves. */
const skipped = new Set(['node_modules', 'dist', 'data', ...(workspace === '' ? ['packages', 'services', 'apps', 'tests'] : [])]);
const active = rules.filter((rule) => workspace.startsWith(rule.scope));
const files = [];
const texts = [];
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

const importPattern = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  const isTest = /\.test\.tsx?$/.test(file);
  for (const match of text.matchAll(importPattern)) {
    const target = match[1] ?? match[2];
    for (const rule of active) {
      // Tests may read fixtures from disk; the purity rule is about the shipped code.
      if (isTest && rule.scope === 'packages/core' && !target.startsWith('@')) continue;
      if (rule.forbid.some((prefix) => target === prefix || target.startsWith(/[/:]$/.test(prefix) ? prefix : `${prefix}/`))) {
        problems.push(`${rel}: imports '${target}' — ${rule.why}`);
      }
    }
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
