import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { REPO_ROOT } from './start-api';

export interface RunningWorker {
  /** How job records name it: `host:pid`. */
  name: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Kills it at once (SIGKILL), as a crashed machine would stop: no chance to finish or release its job. */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): it holds its job but can neither finish it nor renew its claim. */
  pause(): void;
  /** Lets a paused worker go on (SIGCONT). */
  resume(): void;
  /** SIGTERM (it finishes its jobs), then SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>;
  /** Sends `signal` and nothing else. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process exits, with its code (null when a signal ended it) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a standalone worker as users do on a GPU machine (`node --import tsx services/worker/src/main.ts`), and
 * resolves once it says it is processing jobs.
 */
export async function startWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/worker/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker did not start within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      if (/processing jobs from/.test(output)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (code ${code}, signal ${signal}) before it started; output:\n${output}`));
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: `${hostname()}:${child.pid}`,
    output: () => output,
    exited,
    signal: (signal) => void child.kill(signal),
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
