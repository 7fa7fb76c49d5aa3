import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'in-process-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every module URL a fresh `node --import tsx` process resolves while it imports `specifier`. */
function modulesLoadedBy(specifier: string): string[] {
  const out = path.join(dir, 'resolved.txt');
  writeFileSync(out, '');
  // A resolve hook (it runs on the loader thread, so it writes to a file the test reads).
  writeFileSync(path.join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(out)}, resolved.url + '\\n');
  return resolved;
}
`);
  writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(dir, 'register.mjs'), '--input-type=module', '-e', `await import('${specifier}');`], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(out, 'utf8').split('\n').filter(Boolean);
}

describe('@branchscope/worker/in-process (what the API imports to start its worker)', () => {
  it('loads no tensor package, no TF.js, no onnxruntime and no handler: with a pool, the API process only hands jobs over', { timeout: 60_000 }, () => {
    const loaded = modulesLoadedBy('@branchscope/worker/in-process');
    expect(loaded.some((url) => url.endsWith('/services/worker/src/pool/worker-pool.ts'))).toBe(true);
    const heavy = loaded.filter((url) => /\/packages\/(runtime|model-import|ort-engine|featurevis|training)\/|@tensorflow|onnxruntime-node|\/services\/worker\/src\/(handlers|featurevis|dataset-examples)\//.test(url));
    expect(heavy).toEqual([]);
  });

  it('while the whole worker package does load them (the check above can fail)', { timeout: 60_000 }, () => {
    const loaded = modulesLoadedBy('@branchscope/worker');
    expect(loaded.some((url) => url.includes('/packages/runtime/'))).toBe(true);
    expect(loaded.some((url) => url.includes('@tensorflow'))).toBe(true);
  });
});
