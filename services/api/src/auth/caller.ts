import { findApiToken, TOKEN_PATTERN, type TokenRole } from '@branchscope/store';
import type { Store } from '@branchscope/store';
import type { AccessPolicy } from './access-policy';

/**
 * Who sent a request: a token's holder, the local user (no token, from this machine, in `local` mode), nobody
 * (no token), or a token that does not work, with why (`malformed`, `unknown`, `revoked`).
 */
export type Caller =
  | { kind: 'token'; name: string; role: TokenRole; tokenId: string }
  | { kind: 'local'; name: 'local'; role: 'editor' }
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string };

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether a peer address is this machine's loopback. */
export const isLoopback = (address: string | undefined): boolean => address !== undefined && LOOPBACK.has(address);

/**
 * The caller of a request from its `Authorization` header (`Bearer <token>`) and the peer's address. A header that
 * is present but not a well-formed bearer token, or a token that is unknown or revoked, is `invalid` (never
 * anonymous): the client meant to authenticate and is told why it could not.
 */
export async function callerOf(store: Store, policy: AccessPolicy, authorization: string | undefined, remoteAddress: string | undefined): Promise<Caller> {
  if (authorization === undefined || authorization.trim() === '') {
    return policy.auth === 'local' && isLoopback(remoteAddress) ? { kind: 'local', name: 'local', role: 'editor' } : { kind: 'anonymous' };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) return { kind: 'invalid', reason: "the Authorization header must be 'Bearer <token>'" };
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) return { kind: 'invalid', reason: "the bearer token is malformed (tokens are 'bst_' and 43 base64url characters, as `npm run token -- create` prints them)" };
  const record = await findApiToken(store, token);
  if (!record) return { kind: 'invalid', reason: 'the bearer token is not known to this server' };
  if (record.revokedAt !== null) return { kind: 'invalid', reason: `the bearer token '${record.id}' (${record.name}) was revoked at ${record.revokedAt}` };
  return { kind: 'token', name: record.name, role: record.role, tokenId: record.id };
}

/** The caller's role, or undefined for nobody. */
export function roleOf(caller: Caller): TokenRole | undefined {
  return caller.kind === 'token' || caller.kind === 'local' ? caller.role : undefined;
}
