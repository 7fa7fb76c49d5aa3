import type { ApiDeps } from './domain/api-deps';

/** What every resolver receives as its context. */
export interface ApiContext {
  deps: ApiDeps;
  /** The request's id (`x-request-id`), or one per subscription over WebSocket: in log lines and error answers. */
  requestId: string;
}
