import { createApiToken, listApiTokens, revokeApiToken, StoreError, type ApiTokenRecord } from '@branchscope/store';
import type { ApiContext } from '../context';
import type { ApiToken, TokenRole } from '../generated/resolver-types';
import { badInput, notFound } from '../domain/api-error';
import { requireRole } from './require-role';

/** A token as the API shows it (the schema's `ApiToken`), never the token or its hash. */
export type ApiTokenView = ApiToken;

const tokenView = ({ id, name, role, createdAt, revokedAt }: ApiTokenRecord): ApiTokenView => ({ id, name, role, createdAt, revokedAt });

/** Every token, revoked ones included; admin only. */
export async function listTokens({ deps, caller }: ApiContext): Promise<ApiTokenView[]> {
  requireRole(caller, 'admin', 'query tokens');
  return (await listApiTokens(deps.store)).map(tokenView);
}

/** A new token for `name` with `role`, shown this once; admin only. BAD_USER_INPUT for a blank name. */
export async function createToken({ deps, caller }: ApiContext, args: { name: string; role: TokenRole }): Promise<{ token: string; apiToken: ApiTokenView }> {
  requireRole(caller, 'admin', 'mutation createToken');
  try {
    const { token, record } = await createApiToken(deps.store, { name: args.name, role: args.role });
    return { token, apiToken: tokenView(record) };
  } catch (error) {
    if (error instanceof StoreError) throw badInput(error.message, error);
    throw error;
  }
}

/** Revokes a token by id (its requests are UNAUTHENTICATED from now on); admin only. NOT_FOUND for an unknown id. */
export async function revokeToken({ deps, caller }: ApiContext, id: string): Promise<ApiTokenView> {
  requireRole(caller, 'admin', 'mutation revokeToken');
  try {
    return tokenView(await revokeApiToken(deps.store, id));
  } catch (error) {
    if (error instanceof StoreError) throw notFound(error.message);
    throw error;
  }
}
