import { GraphQLError } from 'graphql';
import type { TokenRole } from '@branchscope/store';
import { roleOf, type Caller } from './caller';

const RANK: Record<TokenRole, number> = { viewer: 0, editor: 1, admin: 2 };

const NEEDS: Record<TokenRole, string> = { viewer: 'a token (any role)', editor: 'an editor or admin token', admin: 'an admin token' };

/** An `UNAUTHENTICATED` error (HTTP 401): no usable token, saying what `what` needs. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** A `FORBIDDEN` error (HTTP 403). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/**
 * Throws unless `caller` has at least `role` for `what` (`mutation labelUnit`, `query tokens`): UNAUTHENTICATED for
 * no token or a token that does not work (saying why), FORBIDDEN for a role too low, each naming the role needed.
 */
export function requireRole(caller: Caller, role: TokenRole, what: string): void {
  if (caller.kind === 'invalid') throw unauthenticated(`${what} needs ${NEEDS[role]}: ${caller.reason}`);
  const has = roleOf(caller);
  if (has === undefined) throw unauthenticated(`${what} needs ${NEEDS[role]}: send the header 'Authorization: Bearer <token>' (create one with \`npm run token -- create --role ${role} --name NAME\`)`);
  if (RANK[has] < RANK[role]) throw forbidden(`${what} needs ${NEEDS[role]}; the token of '${(caller as { name: string }).name}' has role ${has}`);
}
