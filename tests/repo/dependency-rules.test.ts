import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = path.join(repoRoot, 'node_modules/.bin/depcruise');
/** `levels` parent steps, written out here so that this file holds no path climbing out of the repository. */
const up = (levels: number) => '../'.repeat(levels);

const WORKSPACES = ['packages/core', 'packages/runtime', 'packages/featurevis', 'packages/ui', 'services/api', 'services/worker'];

/** A throw-away repository with this repository's dependency-cruiser configuration and the given files. */
function plantRepository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'branchscope-depcruise-'));
  cpSync(path.join(repoRoot, '.dependency-cruiser.cjs'), path.join(root, '.dependency-cruiser.cjs'));
  cpSync(path.join(repoRoot, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
  const planted: Record<string, string> = {
    'package.json': JSON.stringify({ private: true, workspaces: ['packages/*', 'services/*'] }),
    // A data-fetching library for ui to import.
    'node_modules/urql/package.json': JSON.stringify({ name: 'urql', main: 'index.js' }),
    'node_modules/urql/index.js': 'exports.createClient = () => ({});\n',
    ...Object.fromEntries(WORKSPACES.flatMap((dir) => [
      [`${dir}/package.json`, JSON.stringify({ name: `@branchscope/${path.basename(dir)}`, type: 'module', exports: { '.': './src/index.ts' } })],
      [`${dir}/src/index.ts`, 'export const name = 1;\n'],
    ])),
    ...files,
  };
  for (const [file, text] of Object.entries(planted)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  mkdirSync(path.join(root, 'node_modules/@branchscope'), { recursive: true });
  for (const dir of WORKSPACES) symlinkSync(path.join(up(2), dir), path.join(root, 'node_modules/@branchscope', path.basename(dir)));
  return root;
}

const cruise = (root: string) =>
  spawnSync(depcruise, ['packages', 'services', 'bench', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root, encoding: 'utf8' });

describe('dependency-cruiser with .dependency-cruiser.cjs', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  let violations: { status: number | null; output: string };
  beforeAll(() => {
    const root = plantRepository({
      'packages/core/src/uses-runtime.ts': "import { name } from '@branchscope/runtime';\nexport const a = name;\n",
      'packages/core/src/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'packages/core/src/outside.ts': `import { z } from '${up(4)}elsewhere/z';\nexport const w = z;\n`,
      'services/api/src/renders.ts': "import { name } from '@branchscope/featurevis';\nexport const b = name;\n",
      'services/worker/src/relative.ts': `import { name } from '${up(3)}packages/core/src/index';\nexport const c = name;\n`,
      'bench/relative.ts': `import { name } from '${up(1)}packages/runtime/src/index';\nexport const d = name;\n`,
      'packages/runtime/src/lazy.ts': "export const later = () => import('node:fs');\n",
      'packages/runtime/src/required.cjs': "module.exports = require('node:path');\n",
      'packages/ui/src/client.ts': "import { createClient } from 'urql';\nexport const e = createClient;\n",
    });
    roots.push(root);
    const run = cruise(root);
    violations = { status: run.status, output: `${run.stdout}${run.stderr}` };
  }, 60_000);

  it('passes a tree that keeps the rules (so the failures below are the rules, not the setup)', { timeout: 60_000 }, () => {
    const root = plantRepository({
      'services/worker/src/uses-runtime.ts': "import { name } from '@branchscope/runtime';\nexport const a = name;\n",
      'services/api/src/node.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'bench/uses-runtime.ts': "import { name } from '@branchscope/runtime';\nexport const b = name;\n",
    });
    roots.push(root);
    const run = cruise(root);
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it.each([
    ['a workspace importing one its direction forbids', 'direction:packages/core: packages/core/src/uses-runtime.ts → packages/runtime/src/index.ts'],
    ['the API importing a tensor package', 'tensor-packages-only-from-worker: services/api/src/renders.ts → packages/featurevis/src/index.ts'],
    ['a relative import into another workspace', 'no-relative-import-across-workspaces: services/worker/src/relative.ts → packages/core/src/index.ts'],
    ['a relative import into a workspace from bench/', 'no-relative-import-into-workspaces-from-root: bench/relative.ts → packages/runtime/src/index.ts'],
    ['import() outside the allow-list', 'no-lazy-load-outside-allow-list: packages/runtime/src/lazy.ts → fs'],
    ['require outside the allow-list', 'no-lazy-load-outside-allow-list: packages/runtime/src/required.cjs → path'],
    ['a Node built-in in core', 'core-no-node-builtins: packages/core/src/reads-files.ts → fs'],
    ['an import climbing out of the repository', `no-path-outside-repository: packages/core/src/outside.ts → ${up(4)}elsewhere/z`],
    ['a GraphQL client in ui', 'ui-no-data-fetching: packages/ui/src/client.ts → node_modules/urql/index.js'],
  ])('fails on %s, naming the rule and the files', (_what, line) => {
    expect(violations.status).toBeGreaterThan(0);
    expect(violations.output).toContain(`error ${line}`);
  });
});
