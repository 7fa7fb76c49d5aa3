import { createBranchscopeClient } from '@branchscope/client';
import type { Client } from '@branchscope/client';

/** The GraphQL URL at this page's own origin (`/graphql`), which the portal forwards to the API, WebSockets too. */
export const browserGraphqlUrl = (): string => new URL('/graphql', window.location.href).href;

/** A client for {@link browserGraphqlUrl}. Browser only. */
export function browserClient(): Client {
  return createBranchscopeClient(browserGraphqlUrl());
}
