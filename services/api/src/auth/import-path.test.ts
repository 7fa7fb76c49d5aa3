import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImportPath } from './import-path';

describe('checkImportPath', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'branchscope-import-path-'));
  const allowed = path.join(root, 'models');
  const secret = path.join(root, 'secret.onnx');
  mkdirSync(allowed);
  writeFileSync(path.join(allowed, 'a.onnx'), 'x');
  writeFileSync(secret, 'x');
  symlinkSync(secret, path.join(allowed, 'link.onnx'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const team = { reads: 'public', auth: 'token', importDirs: [allowed] } as const;

  it('allows a file inside a configured folder, and one not there yet', () => {
    expect(() => checkImportPath(team, path.join(allowed, 'a.onnx'))).not.toThrow();
    expect(() => checkImportPath(team, path.join(allowed, 'later.onnx'))).not.toThrow();
  });

  it('refuses a path that climbs out by .. or by a link, naming the rule', () => {
    for (const target of [secret, path.join(allowed, '..', 'secret.onnx'), path.join(allowed, 'link.onnx'), `${allowed}-sibling/a.onnx`]) {
      expect(() => checkImportPath(team, target)).toThrow(`importModel path '${target}' is outside the folders BRANCHSCOPE_IMPORT_DIRS allows (${allowed})`);
    }
  });

  it('reads anywhere in local mode without folders, and nowhere in token mode without them', () => {
    expect(() => checkImportPath({ reads: 'public', auth: 'local' }, secret)).not.toThrow();
    expect(() => checkImportPath({ reads: 'public', auth: 'token' }, secret)).toThrow('needs BRANCHSCOPE_IMPORT_DIRS');
  });
});
