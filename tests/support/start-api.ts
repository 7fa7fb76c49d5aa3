import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/support/start-api.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningApi {
  /** e.g. http://127.0.0.1:40123/graphql */
  url: string;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  dbPath: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>;
  /** Resolves when the process exits, with its code (null when a signal ended it) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and nothing else: no SIGKILL follows. */
  kill(signal: NodeJS.Signals): void;
}

export interface StartApiOptions {
  /** Database file; a fresh temp file by default. */
  dbPath?: string;
  env?: Record<string, string>;
  /** How long to wait for the listening line; 90 s by default. */
  timeoutMs?: number;
}

/** A temp folder for a test's database; `remove()` deletes it. */
export function tempDbPath(): { dbPath: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-api-test-'));
  return { dbPath: path.join(dir, 'data', 'branchscope.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the API as a real child process, exactly as users do (`node --import tsx services/api/src/main.ts`),
 * on a port the OS picks, and resolves once it prints `api listening on <url>`.
 */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const dbPath = options.dbPath ?? tempDbPath().dbPath;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, BRANCHSCOPE_API_PORT: '0', BRANCHSCOPE_HOST: '127.0.0.1', BRANCHSCOPE_DB: dbPath, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 90_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not print its listening line within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /api listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (code ${code}, signal ${signal}) before listening; output:\n${output}`));
    });
  });

  return {
    url,
    origin: new URL(url).origin,
    dbPath,
    output: () => output,
    stop: () => stopChild(child),
    exited,
    kill: (signal) => void child.kill(signal),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
