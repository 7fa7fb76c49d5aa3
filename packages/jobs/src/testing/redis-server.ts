import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@branchscope/store/testing';

/** A redis-server process started for one test file. */
export interface RedisServer {
  /** e.g. redis://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

const MISSING =
  'redis-server is not installed, and the Redis queue tests start a real one; install it with ' +
  '`apt-get install -y redis-server` (scripts/ensure-system-deps.mjs does it for the tests workspace)';

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

async function startOnce(binary: string, port: number, timeoutMs: number): Promise<RedisServer> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not get ready on port ${port} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code === 'ENOENT' ? MISSING : `cannot start redis-server: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stop(child) };
}

/**
 * Starts a throwaway `redis-server` on a free port, persisting nothing (`--save '' --appendonly no`). Fails with
 * an installation hint when redis-server is missing. Tries another port if the chosen one was taken meanwhile.
 */
export async function startRedisServer(options: { binary?: string; timeoutMs?: number } = {}): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server';
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, await freePort(), options.timeoutMs ?? 10_000);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}
