import { createBranchscopeClient } from '@branchscope/client';
import type { Client } from '@branchscope/client';

/**
 * A client for the GraphQL endpoint at this page's own origin (`/graphql`), which the portal forwards to the API.
 * Browser only: labelling works through the portal, the origin users open.
 */
export function browserClient(): Client {
  return createBranchscopeClient(new URL('/graphql', window.location.href).href);
}
