import type { ApiDeps } from './domain/api-deps';

/** What every resolver receives as its context. */
export interface ApiContext {
  deps: ApiDeps;
}
