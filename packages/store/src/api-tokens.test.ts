import { beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, findApiToken, listApiTokens, revokeApiToken, TOKEN_PATTERN, tokenHash } from './api-tokens';
import type { Store } from './open-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('API tokens (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
  });

  it('stores only the SHA-256 of a new token and finds the token by it', async () => {
    const { token, record } = await createApiToken(store, { name: ' ada ', role: 'editor' });
    expect(token).toMatch(TOKEN_PATTERN);
    expect(record).toMatchObject({ name: 'ada', role: 'editor', revokedAt: null });
    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(tokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(await findApiToken(store, token)).toEqual(record);
    // One character changed (a random token ends in 'A' one time in 64).
    expect(await findApiToken(store, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
  });

  it('revokes by id, keeps the revoked token listed, and names an unknown id', async () => {
    const { token, record } = await createApiToken(store, { name: 'bob', role: 'viewer' });
    const revoked = await revokeApiToken(store, record.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await findApiToken(store, token))?.revokedAt).toBe(revoked.revokedAt);
    expect((await revokeApiToken(store, record.id)).revokedAt).toBe(revoked.revokedAt);
    expect(await listApiTokens(store)).toEqual([revoked]);
    await expect(revokeApiToken(store, 'nope')).rejects.toThrow("no API token with id 'nope'");
  });

  it('refuses a blank name and an unknown role, naming them', async () => {
    await expect(createApiToken(store, { name: '  ', role: 'editor' })).rejects.toThrow("a token's name must be 1 to 100 characters");
    await expect(createApiToken(store, { name: 'eve', role: 'root' })).rejects.toThrow("a token's role must be one of viewer, editor, admin, got 'root'");
  });
});
