import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LabelSetSummary } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenWithCli, postGraphqlAs, postGraphqlWith, tokenCli } from '../support/api-token';
import { postGraphql } from '../support/graphql';
import { collectSubscription } from '../support/subscribe';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

const CREATE_SET = `mutation ($name: String!) { createLabelSet(modelId: "alexnet", name: $name, author: "mallory") { id author } }`;
const LABEL = `mutation ($id: ID!) { labelUnit(labelSetId: $id, layer: "conv1", unit: 3, category: "color", author: "mallory") { author } }`;
const MODELS = '{ models { id } }';
const ME = '{ me { name role } }';
const CREATE_TOKEN = 'mutation ($name: String!, $role: TokenRole!) { createToken(name: $name, role: $role) { token apiToken { id name role revokedAt } } }';
const REVOKE_TOKEN = 'mutation ($id: ID!) { revokeToken(id: $id) { id revokedAt } }';
const TOKENS = '{ tokens { id name role revokedAt } }';
const IMPORT = 'mutation ($path: String!) { importModel(input: { name: "outside", format: ONNX, path: $path }) { id } }';

describe('API: tokens and roles (BRANCHSCOPE_AUTH=token, public reads)', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let importDir: string;
  const tokens = { viewer: '', editor: '', admin: '' };
  beforeAll(async () => {
    db = tempDbPath();
    mkdirSync(path.dirname(db.dbPath), { recursive: true });
    // The first admin token comes from the script, before the server runs (it migrates the database itself).
    tokens.admin = await createTokenWithCli(db.dbPath, 'admin', 'root');
    tokens.editor = await createTokenWithCli(db.dbPath, 'editor', 'ada');
    tokens.viewer = await createTokenWithCli(db.dbPath, 'viewer', 'vic');
    importDir = path.join(path.dirname(db.dbPath), 'imports');
    mkdirSync(importDir);
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_AUTH: 'token', BRANCHSCOPE_READS: 'public', BRANCHSCOPE_IMPORT_DIRS: importDir } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('answers reads without a token, and says who a token belongs to', async () => {
    expect((await postGraphql<{ models: unknown[] }>(api.url, MODELS)).data?.models.length).toBeGreaterThan(0);
    expect((await postGraphql(api.url, ME)).data).toEqual({ me: null });
    expect((await postGraphqlAs(api.url, tokens.viewer, ME)).data).toEqual({ me: { name: 'vic', role: 'VIEWER' } });
  });

  it('refuses a mutation without a token: UNAUTHENTICATED (401), naming the role needed and how to get a token', async () => {
    const { status, data, errors } = await postGraphql(api.url, CREATE_SET, { name: 'anonymous' });
    expect(status).toBe(401);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toContain('mutation createLabelSet needs an editor or admin token');
    expect(errors?.[0]?.message).toContain('npm run token -- create');
  });

  it('refuses a malformed token and a header that is not Bearer, on reads too, saying why', async () => {
    const malformed = await postGraphqlAs(api.url, 'not-a-token', MODELS);
    expect(malformed.status).toBe(401);
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(malformed.errors?.[0]?.message).toContain('the bearer token is malformed');
    const basic = await postGraphqlWith(api.url, 'Basic YWRhOnNlY3JldA==', MODELS);
    expect(basic.errors?.[0]?.message).toContain("the Authorization header must be 'Bearer <token>'");
    const unknown = await postGraphqlAs(api.url, `bst_${'A'.repeat(43)}`, MODELS);
    expect(unknown.errors?.[0]?.message).toContain('the bearer token is not known to this server');
  });

  it('lets a viewer read but not write: FORBIDDEN (403) naming the role it has and the one needed', async () => {
    expect((await postGraphqlAs<{ models: unknown[] }>(api.url, tokens.viewer, MODELS)).data?.models.length).toBeGreaterThan(0);
    const { status, errors } = await postGraphqlAs(api.url, tokens.viewer, CREATE_SET, { name: 'viewer set' });
    expect(status).toBe(403);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors?.[0]?.message).toBe("mutation createLabelSet needs an editor or admin token; the token of 'vic' has role viewer");
  });

  it('lets an editor label, with the token’s holder as the author whatever the request says', async () => {
    const created = await postGraphqlAs<{ createLabelSet: { id: string; author: string } }>(api.url, tokens.editor, CREATE_SET, { name: 'ada set' });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createLabelSet.author).toBe('ada');
    const labelled = await postGraphqlAs<{ labelUnit: { author: string } }>(api.url, tokens.editor, LABEL, { id: created.data!.createLabelSet.id });
    expect(labelled.errors).toBeUndefined();
    expect(labelled.data?.labelUnit.author).toBe('ada');
  });

  it('keeps token management to admins', async () => {
    for (const role of ['viewer', 'editor'] as const) {
      const listed = await postGraphqlAs(api.url, tokens[role], TOKENS);
      expect(listed.errors?.[0]).toMatchObject({ message: expect.stringContaining('query tokens needs an admin token'), extensions: { code: 'FORBIDDEN' } });
      const created = await postGraphqlAs(api.url, tokens[role], CREATE_TOKEN, { name: 'sneaky', role: 'ADMIN' });
      expect(created.errors?.[0]).toMatchObject({ message: expect.stringContaining('mutation createToken needs an admin token'), extensions: { code: 'FORBIDDEN' } });
    }
    const anonymous = await postGraphql(api.url, TOKENS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin create, list and revoke tokens; a revoked token is UNAUTHENTICATED, naming the revocation', async () => {
    type Created = { createToken: { token: string; apiToken: { id: string; name: string; role: string; revokedAt: string | null } } };
    const { data, errors } = await postGraphqlAs<Created>(api.url, tokens.admin, CREATE_TOKEN, { name: 'eve', role: 'EDITOR' });
    expect(errors).toBeUndefined();
    const { token, apiToken } = data!.createToken;
    expect(apiToken).toMatchObject({ name: 'eve', role: 'EDITOR', revokedAt: null });
    expect((await postGraphqlAs(api.url, token, CREATE_SET, { name: 'eve set' })).errors).toBeUndefined();

    const listed = await postGraphqlAs<{ tokens: { id: string; name: string }[] }>(api.url, tokens.admin, TOKENS);
    expect(listed.data?.tokens.map((t) => t.name)).toEqual(['root', 'ada', 'vic', 'eve']);
    expect(JSON.stringify(listed.data)).not.toContain(token);

    const revoked = await postGraphqlAs<{ revokeToken: { revokedAt: string } }>(api.url, tokens.admin, REVOKE_TOKEN, { id: apiToken.id });
    expect(revoked.data?.revokeToken.revokedAt).toBeTruthy();
    const refused = await postGraphqlAs(api.url, token, CREATE_SET, { name: 'after revocation' });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toContain(`the bearer token '${apiToken.id}' (eve) was revoked`);
    const unknown = await postGraphqlAs(api.url, tokens.admin, REVOKE_TOKEN, { id: 'no-such-token' });
    expect(unknown.errors?.[0]).toMatchObject({ message: "no API token with id 'no-such-token'", extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a token revoked by the script while the server runs', async () => {
    const token = await createTokenWithCli(db.dbPath, 'editor', 'temp');
    expect((await postGraphqlAs(api.url, token, ME)).data).toEqual({ me: { name: 'temp', role: 'EDITOR' } });
    const id = (await tokenCli(db.dbPath, ['list'])).stdout.split('\n').find((line) => line.endsWith('  temp'))!.split(' ')[0]!;
    expect((await tokenCli(db.dbPath, ['revoke', id])).stdout).toContain(`revoked token ${id} of temp (editor)`);
    expect((await postGraphqlAs(api.url, token, ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('confines import paths to BRANCHSCOPE_IMPORT_DIRS: FORBIDDEN outside, naming the rule, even through ..', async () => {
    const outside = path.join(path.dirname(db.dbPath), 'elsewhere.onnx');
    writeFileSync(outside, 'not a model');
    for (const target of [outside, path.join(importDir, '..', 'elsewhere.onnx')]) {
      const { errors } = await postGraphqlAs(api.url, tokens.editor, IMPORT, { path: target });
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(errors?.[0]?.message).toContain(`is outside the folders BRANCHSCOPE_IMPORT_DIRS allows (${importDir})`);
    }
    // Inside the folder the path passes the rule and reaches the import's own checks.
    const inside = await postGraphqlAs(api.url, tokens.editor, IMPORT, { path: path.join(importDir, 'missing.onnx') });
    expect(inside.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('prevents CSRF: a simple cross-site request (text/plain POST, plain GET) is refused before it runs', async () => {
    const plain = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: ME }) });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain('CSRF');
    const get = await fetch(`${api.url}?query=${encodeURIComponent(ME)}`);
    expect(get.status).toBe(400);
  });
});

describe('API: reads by token only (BRANCHSCOPE_READS=token)', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let viewer: string;
  beforeAll(async () => {
    db = tempDbPath();
    mkdirSync(path.dirname(db.dbPath), { recursive: true });
    viewer = await createTokenWithCli(db.dbPath, 'viewer', 'vic');
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_READS: 'token' } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('answers the local editor without a token, and a viewer', async () => {
    const { status, errors } = await postGraphqlWith(api.url, undefined, MODELS);
    // The default BRANCHSCOPE_AUTH=local makes a token-less request from this machine the local editor.
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect((await postGraphqlAs<{ models: unknown[] }>(api.url, viewer, MODELS)).data?.models.length).toBeGreaterThan(0);
  });
});

describe('API: reads by token only with BRANCHSCOPE_AUTH=token', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let viewer: string;
  beforeAll(async () => {
    db = tempDbPath();
    mkdirSync(path.dirname(db.dbPath), { recursive: true });
    viewer = await createTokenWithCli(db.dbPath, 'viewer', 'vic');
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_READS: 'token', BRANCHSCOPE_AUTH: 'token' } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('refuses a query without a token, naming what it needs, and answers a viewer', async () => {
    const { status, errors } = await postGraphqlWith(api.url, undefined, MODELS);
    expect(status).toBe(401);
    expect(errors?.[0]).toMatchObject({ message: expect.stringContaining('query models needs a token (any role)'), extensions: { code: 'UNAUTHENTICATED' } });
    expect((await postGraphqlAs<{ models: unknown[] }>(api.url, viewer, MODELS)).data?.models.length).toBeGreaterThan(0);
  });

  it('closes a subscription socket that brings no token (4403), and follows a job for a viewer', async () => {
    const query = 'subscription ($id: ID!) { jobProgress(id: $id) { id } }';
    await expect(collectSubscription(api.url, query, { id: 'no-such-job' }, 20_000)).rejects.toThrow(/4403/);
    const answered = await collectSubscription(api.url, query, { id: 'no-such-job' }, 20_000, { authorization: `Bearer ${viewer}` });
    expect(answered.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('API: the local editor (BRANCHSCOPE_AUTH=local, the default)', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('treats a token-less request from this machine as the local editor, but still refuses a bad token', async () => {
    expect((await postGraphql(api.url, ME)).data).toEqual({ me: { name: 'local', role: 'EDITOR' } });
    const created = await postGraphql<{ createLabelSet: Pick<LabelSetSummary, 'author'> }>(api.url, CREATE_SET, { name: 'local set' });
    expect(created.data?.createLabelSet.author).toBe('mallory');
    const bad = await postGraphqlAs(api.url, 'bst_short', CREATE_SET, { name: 'x' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await postGraphql(api.url, TOKENS)).errors?.[0]?.message).toContain("query tokens needs an admin token; the token of 'local' has role editor");
  });
});
