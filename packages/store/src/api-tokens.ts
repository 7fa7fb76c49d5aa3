import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './open-store';
import type { ApiTokensTable } from './schema';
import { StoreError } from './store-error';

/** What a token lets its holder do: read; read and write (label, import, run jobs); and manage tokens. */
export type TokenRole = 'viewer' | 'editor' | 'admin';
export const TOKEN_ROLES: readonly TokenRole[] = ['viewer', 'editor', 'admin'];

/** One API token as stored: its hash only, never the token. */
export interface ApiTokenRecord {
  id: string;
  /** Who holds it: the author of the labels it gives. */
  name: string;
  role: TokenRole;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, or null while the token works. */
  revokedAt: string | null;
}

/** Tokens look like `bst_` then 43 base64url characters (32 random bytes). */
export const TOKEN_PATTERN = /^bst_[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) under which a token is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const fromRow = (row: ApiTokensTable): ApiTokenRecord => ({
  id: row.id,
  name: row.name,
  role: row.role as TokenRole,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/**
 * Creates a token for `name` with `role`; returns the record and the token itself, which is stored only as its
 * SHA-256 and cannot be shown again. A blank or over-long name or an unknown role throws a StoreError naming it.
 */
export async function createApiToken(store: Store, args: { name: string; role: string }): Promise<{ token: string; record: ApiTokenRecord }> {
  const name = typeof args.name === 'string' ? args.name.trim() : '';
  if (name.length === 0 || name.length > 100) throw new StoreError(`a token's name must be 1 to 100 characters, got '${args.name}'`);
  if (!TOKEN_ROLES.includes(args.role as TokenRole)) throw new StoreError(`a token's role must be one of ${TOKEN_ROLES.join(', ')}, got '${args.role}'`);
  const token = `bst_${randomBytes(32).toString('base64url')}`;
  const row: ApiTokensTable = {
    id: randomBytes(6).toString('hex'),
    name,
    role: args.role,
    sha256: tokenHash(token),
    created_at: new Date().toISOString(),
    revoked_at: null,
  };
  await store.db.insertInto('api_tokens').values(row).execute();
  return { token, record: fromRow(row) };
}

/** The token stored under this hash (revoked or not), or undefined. */
export async function findApiToken(store: Store, token: string): Promise<ApiTokenRecord | undefined> {
  const row = await store.db.selectFrom('api_tokens').selectAll().where('sha256', '=', tokenHash(token)).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Every token, oldest first, revoked ones included. */
export async function listApiTokens(store: Store): Promise<ApiTokenRecord[]> {
  const rows = await store.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

/** Revokes the token with this id (revoking twice keeps the first time); a StoreError names an unknown id. */
export async function revokeApiToken(store: Store, id: string): Promise<ApiTokenRecord> {
  await store.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await store.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new StoreError(`no API token with id '${id}'`);
  return fromRow(row);
}
