import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../domain/api-error';
import type { AccessPolicy } from './access-policy';

/** The real path of `target` (links resolved) when it exists; else its absolute path. */
function realOrResolved(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

/**
 * Throws FORBIDDEN, naming the folder rule, unless `importModel` may read `target` on the server: anywhere in
 * `local` mode with no `BRANCHSCOPE_IMPORT_DIRS`; nowhere in `token` mode without it; else only inside one of its
 * folders (after links and `..` are resolved, so neither climbs out).
 */
export function checkImportPath(policy: AccessPolicy, target: string): void {
  if (policy.importDirs === undefined) {
    if (policy.auth === 'local') return;
    throw new ApiError('FORBIDDEN', `importModel path '${target}': reading files on the server needs BRANCHSCOPE_IMPORT_DIRS (folders it may read from) when BRANCHSCOPE_AUTH is token; send the file as base64 instead`);
  }
  const real = realOrResolved(target);
  const inside = policy.importDirs.some((dir) => {
    const relative = path.relative(realOrResolved(dir), real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
  if (!inside) throw new ApiError('FORBIDDEN', `importModel path '${target}' is outside the folders BRANCHSCOPE_IMPORT_DIRS allows (${policy.importDirs.join(', ')})`);
}
