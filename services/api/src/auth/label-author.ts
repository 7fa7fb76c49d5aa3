import type { Caller } from './caller';

/**
 * Who a label or label set is by: a token's holder, whatever the request says. Only the local user (no token, in
 * `local` mode) may still name an author, as the deprecated `author` argument; without one it is `local`.
 */
export function labelAuthor(caller: Caller, given: string | null | undefined): string {
  if (caller.kind === 'token') return caller.name;
  return given ?? 'local';
}
