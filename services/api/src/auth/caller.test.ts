import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiToken, openStore, revokeApiToken, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf } from './caller';

describe('callerOf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-caller-'));
  let store: Store;
  beforeAll(() => {
    store = openStore(path.join(dir, 'store.db'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const local = { reads: 'public', auth: 'local' } as const;
  const team = { reads: 'public', auth: 'token' } as const;

  it('makes a token-less request from loopback the local editor in local mode only', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(await callerOf(store, local, undefined, address)).toEqual({ kind: 'local', name: 'local', role: 'editor' });
    expect(await callerOf(store, local, undefined, '10.0.0.7')).toEqual({ kind: 'anonymous' });
    expect(await callerOf(store, team, undefined, '127.0.0.1')).toEqual({ kind: 'anonymous' });
  });

  it('knows a token’s holder and role, case-insensitively for the scheme', async () => {
    const { token, record } = await createApiToken(store, { name: 'ada', role: 'admin' });
    expect(await callerOf(store, team, `bearer ${token}`, '10.0.0.7')).toEqual({ kind: 'token', name: 'ada', role: 'admin', tokenId: record.id });
  });

  it('says why a token does not work, even from loopback in local mode', async () => {
    const { token, record } = await createApiToken(store, { name: 'bob', role: 'editor' });
    await revokeApiToken(store, record.id);
    const reasons = await Promise.all(
      ['Basic abc', 'Bearer short', `Bearer bst_${'x'.repeat(43)}`, `Bearer ${token}`].map(async (header) => {
        const caller = await callerOf(store, local, header, '127.0.0.1');
        return caller.kind === 'invalid' ? caller.reason : caller.kind;
      }),
    );
    expect(reasons[0]).toContain("must be 'Bearer <token>'");
    expect(reasons[1]).toContain('malformed');
    expect(reasons[2]).toContain('not known');
    expect(reasons[3]).toContain(`'${record.id}' (bob) was revoked`);
  });
});
