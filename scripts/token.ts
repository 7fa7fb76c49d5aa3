#!/usr/bin/env node
// `npm run token -- create --role editor --name ada`, `npm run token -- list`, `npm run token -- revoke <id>`:
// API tokens in the configured database (BRANCHSCOPE_DB, default data/branchscope.db), written directly, so the
// first admin token needs no running API. A new token is printed once; only its SHA-256 is stored.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectStore, createApiToken, listApiTokens, maskStoreTarget, revokeApiToken, StoreError, TOKEN_ROLES } from '@branchscope/store';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbPath = process.env.BRANCHSCOPE_DB?.trim() || path.join(root, 'data', 'branchscope.db');
const USAGE = `usage: npm run token -- create --role ${TOKEN_ROLES.join('|')} --name NAME   prints the new token once
       npm run token -- list                                        every token (never the token itself)
       npm run token -- revoke ID                                   its requests are refused from now on
       add --quiet to create to print the token alone
The database is BRANCHSCOPE_DB (${maskStoreTarget(dbPath)}).`;

class UsageError extends Error {}

/** The value after `--flag` (or `--flag=value`), or undefined. */
function option(args: string[], flag: string): string | undefined {
  const index = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index < 0) return undefined;
  const arg = args[index]!;
  if (arg.includes('=')) return arg.slice(flag.length + 1);
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return value;
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown command '${command}'`);
  const store = await connectStore(dbPath);
  try {
    if (command === 'create') {
      const role = option(rest, '--role');
      const name = option(rest, '--name');
      if (role === undefined || name === undefined) throw new UsageError('create needs --role and --name');
      const { token, record } = await createApiToken(store, { name, role });
      if (rest.includes('--quiet')) console.log(token);
      else {
        console.log(`created token ${record.id} for ${record.name} (${record.role}); it is shown only now:`);
        console.log(token);
        console.log("send it as the header 'Authorization: Bearer <token>'");
      }
    } else if (command === 'list') {
      const tokens = await listApiTokens(store);
      if (tokens.length === 0) console.log(`no tokens in ${maskStoreTarget(dbPath)}`);
      for (const t of tokens) console.log([t.id, t.role.padEnd(6), t.createdAt, t.revokedAt ? `revoked ${t.revokedAt}` : 'active ', t.name].join('  '));
    } else {
      const id = rest[0];
      if (id === undefined) throw new UsageError('revoke needs the token id (see `npm run token -- list`)');
      const record = await revokeApiToken(store, id);
      console.log(`revoked token ${record.id} of ${record.name} (${record.role}) at ${record.revokedAt}`);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`token: ${error.message}\n${USAGE}`);
  else if (error instanceof StoreError) console.error(`token: ${error.message}`);
  else console.error(`token: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
