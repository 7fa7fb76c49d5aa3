import type { AccessPolicy } from './auth/access-policy';
import type { Caller } from './auth/caller';
import type { ApiDeps } from './domain/api-deps';

/** What every resolver receives as its context. */
export interface ApiContext {
  deps: ApiDeps;
  /** The request's id (`x-request-id`), or one per subscription over WebSocket: in log lines and error answers. */
  requestId: string;
  /** Who sent the request (its bearer token's holder, the local user, nobody, or a token that does not work). */
  caller: Caller;
  /** Who may do what, as configured. */
  access: AccessPolicy;
}
