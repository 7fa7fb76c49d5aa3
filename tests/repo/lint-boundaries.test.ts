import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A throw-away repository holding the lint script and one workspace with `files`; returns its root. */
function plantRepository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'branchscope-lint-'));
  cpSync(path.join(repoRoot, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const lint = (cwd: string) => spawnSync(process.execPath, [path.join(cwd.split('/packages/')[0]!, 'scripts/lint-boundaries.mjs')], { cwd, encoding: 'utf8' });

describe('lint-boundaries', () => {
  const planted: string[] = [];
  afterEach(() => planted.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('passes on this repository, root files and every workspace', () => {
    for (const cwd of ['', 'packages/core', 'services/api', 'apps/portal', 'tests']) {
      const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/lint-boundaries.mjs')], { cwd: path.join(repoRoot, cwd), encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    }
  });

  it('fails on a path that climbs out of the repository, naming the file, line and path', () => {
    const root = plantRepository({
      'packages/demo/src/fixture.ts': "export const ok = new URL('../../README.md', import.meta.url);\n" +
        `export const outside = new URL('${'../'.repeat(4)}shared/reference/x.json', import.meta.url);\n`,
    });
    planted.push(root);
    const result = lint(path.join(root, 'packages/demo'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`packages/demo/src/fixture.ts:2: ${'../'.repeat(4)}shared/reference/x.json`);
    expect(result.stderr).not.toContain('fixture.ts:1');
  });

  it('fails on a parent step joined onto a root folder, which no relative path shows', () => {
    const parent = "'..'";
    const root = plantRepository({ 'packages/demo/src/reads.ts': `import path from 'node:path';\nexport const f = (repoRoot: string) => path.join(repoRoot, ${parent}, 'elsewhere');\n` });
    planted.push(root);
    const result = lint(path.join(root, 'packages/demo'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('packages/demo/src/reads.ts:2: path.join(repoRoot, ');
  });

  it('fails on ui fetching data, and not on the same call in another package', () => {
    const code = "export const load = () => fetch('/graphql');\n";
    const root = plantRepository({ 'packages/ui/src/load.ts': code, 'packages/client/src/load.ts': code });
    planted.push(root);
    const ui = lint(path.join(root, 'packages/ui'));
    expect(ui.status).toBe(1);
    expect(ui.stderr).toContain('packages/ui/src/load.ts:1: fetches data');
    expect(lint(path.join(root, 'packages/client')).status).toBe(0);
  });

  it('checks docs and scripts at the repository root too', () => {
    const root = plantRepository({ 'GUIDE.md': `See \`${'../'}shared/docs/PRODUCT.md\`.\n`, 'packages/demo/src/a.ts': 'export {};\n' });
    planted.push(root);
    const result = lint(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`GUIDE.md:1: ${'../'}shared/docs/PRODUCT.md`);
    expect(lint(path.join(root, 'packages/demo')).status).toBe(0);
  });
});
