import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const VARIABLE = /BRANCHSCOPE_[A-Z0-9_]+/g;

/** The variables named in the first column of README's "Configuration" table. */
function documentedVariables(): Set<string> {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const firstCells = section.split('\n').filter((line) => line.startsWith('|')).map((line) => line.split('|')[1] ?? '');
  return new Set(firstCells.flatMap((cell) => cell.match(VARIABLE) ?? []));
}

/** The variables that shipped code reads: every tracked non-test source file outside tests/ and bench/. */
function variablesReadByCode(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'packages', 'services', 'apps', 'scripts'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && !/\.test\.tsx?$|\/testing\/|test-support/.test(file));
  const firstFile = new Map<string, string>();
  for (const file of files) {
    for (const name of readFileSync(path.join(repoRoot, file), 'utf8').match(VARIABLE) ?? []) {
      if (!firstFile.has(name)) firstFile.set(name, file);
    }
  }
  return firstFile;
}

describe("README's configuration table", () => {
  it('names every variable the code reads, and only those', () => {
    const documented = documentedVariables();
    const read = variablesReadByCode();
    const undocumented = [...read].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (read in ${file})`);
    const unread = [...documented].filter((name) => !read.has(name));
    expect(undocumented, 'read by the code but missing from the table').toEqual([]);
    expect(unread, 'in the table but read by no code').toEqual([]);
    expect(documented.size).toBeGreaterThan(10);
  });
});
