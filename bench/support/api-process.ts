/**
 * A real API process for the benches: a child process on a temp database and a free loopback port, ready once
 * `/health` answers (at any log level), stopped with SIGTERM (SIGKILL after 20 s), its folder removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@branchscope/store/testing';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ApiProcess {
  /** The GraphQL endpoint. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */

/** Starts `services/api` with `env` over the defaults (temp database, free port, log level warn). */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, BRANCHSCOPE_API_PORT: String(port), BRANCHSCOPE_HOST: '127.0.0.1', BRANCHSCOPE_DB: path.join(dir, 'b.db'), BRANCHSCOPE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Drained always (a full pipe would stall the API); only the first lines are kept, for errors.
  child.stdout!.on('data', (chunk: Buffer) => void (output.length < 100_000 && (output += chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => void (output.length < 100_000 && (output += chunk.toString())));
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    if (exited !== undefined) throw new Error(`the API exited with code ${exited} before answering /health:\n${output}`);
    if (tries > 3000) throw new Error(`the API did not answer /health within 5 minutes:\n${output}`);
    if (await fetch(`${origin}/health`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${origin}/graphql`,
    child,
    stop: async () => {
      if (exited === undefined) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Asks `query` and returns its data; throws naming the GraphQL errors. */
export async function graphql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}
