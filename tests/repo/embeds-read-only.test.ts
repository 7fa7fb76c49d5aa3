import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const APPS = ['alexnet', 'inception', 'resnet', 'portal'];
const RELATIVE_IMPORT = /(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;
/** What writes: a mutation document, the client's `mutate`, or a GraphQL `mutation` operation. */
const WRITES = /\b\w+Mutation\b|\bmutate\(|['"`]\s*mutation\b/;

/** Every .ts/.tsx file under `dir`. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The file a relative import names (with its extension or index). */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((file) => existsSync(file) && statSync(file).isFile());
}

describe('embed pages', () => {
  it('only read: nothing an /embed page imports (within its app) sends a mutation', () => {
    const entries = APPS.flatMap((app) => filesUnder(path.join(repoRoot, 'apps', app, 'app', 'embed')));
    expect(entries.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    const writers: string[] = [];
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      if (WRITES.test(text)) writers.push(path.relative(repoRoot, file));
      for (const match of text.matchAll(RELATIVE_IMPORT)) {
        const target = resolveImport(file, match[1]!);
        if (target) queue.push(target);
      }
    }
    expect(writers).toEqual([]);
  });
});
