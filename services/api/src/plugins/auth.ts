import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessPolicy } from '../auth/access-policy';
import { requireRole } from '../auth/require-role';
import type { ApiContext } from '../context';

/** Root fields only an admin may use (their resolvers check again, for any other way in). */
const ADMIN_FIELDS = new Set(['tokens', 'createToken', 'revokeToken']);

/**
 * Checks each HTTP operation against the access policy before anything resolves: a token that does not work is
 * UNAUTHENTICATED whatever the operation; every mutation needs an editor or admin, the token fields an admin;
 * queries need a token of any role when reads are `token`. Subscriptions over
 * WebSocket are checked when the socket connects (see `subscriptionServer`'s `authorize`).
 */
export function authPlugin(policy: AccessPolicy): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : []));
          const what = `${operation.operation} ${fields.join(', ') || operation.name?.value || ''}`.trim();
          const caller = contextValue.caller;
          if (fields.some((field) => ADMIN_FIELDS.has(field))) requireRole(caller, 'admin', what);
          else if (operation.operation === 'mutation') requireRole(caller, 'editor', what);
          else if (policy.reads === 'token' || caller.kind === 'invalid') requireRole(caller, 'viewer', what);
        },
      };
    },
  };
}
