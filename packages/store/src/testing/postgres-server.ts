import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/** A PostgreSQL server started for one test file, in a temp folder, on a free port. */
export interface PostgresServer {
  /** e.g. 40123 */
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  urlOf(database: string): string;
  /** Creates an empty database with a new name and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown, then SIGKILL after 10 s) and removes its folder. */
  stop(): Promise<void>;
}

const MISSING =
  'PostgreSQL is not installed, and the PostgreSQL store tests start a real server; install it with ' +
  '`apt-get install -y postgresql` (scripts/ensure-system-deps.mjs does it for the test command)';

/** The folder of `initdb` and `postgres`: Debian's newest `/usr/lib/postgresql/<version>/bin`, else the PATH. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(root, newest, 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: then the server runs as Debian's `postgres` user, which owns its folder. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`PostgreSQL cannot run as root and there is no 'postgres' user to run it as (${uid.stderr.trim()}); ${MISSING}`);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    // SIGINT: PostgreSQL's fast shutdown (open sessions are ended).
    child.kill('SIGINT');
  });
}

/**
 * Starts a throwaway PostgreSQL server: `initdb` in a temp folder (trust authentication, superuser `postgres`), then
 * `postgres` on 127.0.0.1 and a free port, with fsync off (nothing here needs to survive a crash). As root both run
 * as the `postgres` user. Fails with an installation hint when PostgreSQL is missing.
 */
export async function startPostgresServer(options: { timeoutMs?: number } = {}): Promise<PostgresServer> {
  const bin = binDir();
  const initdb = bin ? path.join(bin, 'initdb') : 'initdb';
  const postgres = bin ? path.join(bin, 'postgres') : 'postgres';
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-postgres-'));
  const data = path.join(dir, 'data');
  if (user) {
    chmodSync(dir, 0o700);
    chownSync(dir, user.uid, user.gid);
  }
  // Run from the server's own folder, which the `postgres` user can enter whatever the caller's working directory.
  const asUser = user ? { uid: user.uid, gid: user.gid, cwd: dir } : { cwd: dir };
  try {
    const init = spawnSync(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
      encoding: 'utf8',
      ...asUser,
    });
    if (init.error) throw new Error((init.error as NodeJS.ErrnoException).code === 'ENOENT' ? MISSING : `cannot run initdb: ${init.error.message}`);
    if (init.status !== 0) throw new Error(`initdb failed (code ${init.status}):\n${init.stderr}`);
    const port = await freePort();
    const args = ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'];
    const child = spawn(postgres, args, { stdio: ['ignore', 'pipe', 'pipe'], ...asUser });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timeoutMs = options.timeoutMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`postgres did not get ready on port ${port} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const onData = () => {
        if (output.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => (clearTimeout(timer), reject(new Error(`cannot start postgres: ${error.message}`))));
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`postgres exited (code ${code}) before it was ready:\n${output}`))));
    });
    // A test process that ends without stop() (a crash, a timeout) takes its server with it: SIGQUIT is PostgreSQL's
    // immediate shutdown, which ends its backends too.
    const onExit = () => {
      child.kill('SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', onExit);
    const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    let databases = 0;
    return {
      port,
      urlOf,
      async createDatabase() {
        const name = `test_${process.pid}_${++databases}`;
        const client = new pg.Client({ connectionString: urlOf('postgres') });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return urlOf(name);
      },
      async stop() {
        process.off('exit', onExit);
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
