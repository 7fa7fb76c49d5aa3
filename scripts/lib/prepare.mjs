// The first two steps of `npm start`: make sure the install matches package-lock.json, then build through turbo
// (which restores unchanged outputs from its cache). Each step prints one line with what it did and how long it took.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command with its output captured; on failure prints that output and exits. */
function runQuietly(label, command, args, root) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`start: ${label} failed (${command} ${args.join(' ')} exited with ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** Step 1: `npm ci` when node_modules is missing or older than package-lock.json; otherwise nothing to do. */
export function ensureInstalled(root, step) {
  const started = Date.now();
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const current = existsSync(installed) && statSync(installed).mtimeMs >= statSync(path.join(root, 'package-lock.json')).mtimeMs;
  if (current) {
    console.log(`${step} install: node_modules matches package-lock.json`);
    return;
  }
  console.log(`${step} install: running npm ci ...`);
  runQuietly('install', 'npm', ['ci', '--no-audit', '--no-fund'], root);
  console.log(`${step} install: done in ${seconds(started)}`);
}

/** Step 2: `turbo run build`; prints how many tasks turbo restored from its cache. */
export function build(root, step) {
  const started = Date.now();
  console.log(`${step} build: turbo run build ...`);
  const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
  const output = runQuietly('build', turbo, ['run', 'build', '--output-logs=errors-only'], root);
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  const summary = cached ? `${cached[2]} tasks, ${cached[1]} from cache` : 'done';
  console.log(`${step} build: ${summary} in ${seconds(started)}`);
}
