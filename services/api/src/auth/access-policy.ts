/**
 * Who may do what, as configured: `reads` (`BRANCHSCOPE_READS`): `public` lets anyone query, `token` wants a valid
 * token of any role. `auth` (`BRANCHSCOPE_AUTH`): `local` (the default, for one person on their own machine) treats
 * a request that carries no token and comes from this machine (a loopback address) as the local editor `local`;
 * `token` wants a token for every mutation, wherever the request comes from. `importDirs`
 * (`BRANCHSCOPE_IMPORT_DIRS`): the folders `importModel` may read a `path` in; unset, `local` mode reads anywhere
 * the server can and `token` mode nowhere.
 */
export interface AccessPolicy {
  reads: 'public' | 'token';
  auth: 'local' | 'token';
  /** Absolute folders; undefined when `BRANCHSCOPE_IMPORT_DIRS` is unset. */
  importDirs?: readonly string[];
}

export const DEFAULT_ACCESS_POLICY: AccessPolicy = { reads: 'public', auth: 'local' };
