import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GraphqlError, GraphqlResponse } from './graphql';
import { REPO_ROOT } from './start-api';

const run = promisify(execFile);

/** Runs `npm run token -- <args>` as users do (the script itself, without npm), on the database at `dbPath`. */
export async function tokenCli(dbPath: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, BRANCHSCOPE_DB: dbPath } });
}

/** A new token of `role` for `name` in the database at `dbPath`, made by the token script. */
export async function createTokenWithCli(dbPath: string, role: 'viewer' | 'editor' | 'admin', name: string): Promise<string> {
  const { stdout } = await tokenCli(dbPath, ['create', '--role', role, '--name', name, '--quiet']);
  return stdout.trim();
}

/** POSTs one GraphQL operation with `Authorization: <authorization>` (no header when undefined). */
export async function postGraphqlWith<T>(url: string, authorization: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphqlError[] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

/** Like {@link postGraphqlWith} with `Bearer <token>`. */
export const postGraphqlAs = <T>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>) =>
  postGraphqlWith<T>(url, token === undefined ? undefined : `Bearer ${token}`, query, variables);
