import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@branchscope/store/testing';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningSystem {
  portalUrl: string;
  apiUrl: string;
  alexnetUrl: string;
  inceptionUrl: string;
  resnetUrl: string;
  /** Everything the system printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the whole system through `scripts/start.mjs` (the same script `npm start` runs), on free ports
 * with a fresh database file and `env` added, and resolves once it reports that it is up. The apps must be built.
 */
export async function startSystem(options: { timeoutMs?: number; dbPath?: string; env?: Record<string, string> } = {}): Promise<RunningSystem> {
  const [apiPort, portalPort, alexnetPort] = [await freePort(), await freePort(), await freePort()];
  const [inceptionPort, resnetPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'branchscope-system-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      BRANCHSCOPE_API_PORT: String(apiPort),
      BRANCHSCOPE_PORTAL_PORT: String(portalPort),
      BRANCHSCOPE_ALEXNET_PORT: String(alexnetPort),
      BRANCHSCOPE_INCEPTION_PORT: String(inceptionPort),
      BRANCHSCOPE_RESNET_PORT: String(resnetPort),
      BRANCHSCOPE_DB: options.dbPath ?? path.join(dataDir, 'branchscope.db'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`system did not start within ${options.timeoutMs ?? 180_000} ms:\n${log}`)), options.timeoutMs ?? 180_000);
    child.stdout.on('data', () => {
      if (log.includes('branchscope is up')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`system exited with code ${code} before it was up:\n${log}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  return {
    portalUrl: `http://127.0.0.1:${portalPort}`,
    apiUrl: `http://127.0.0.1:${apiPort}/graphql`,
    alexnetUrl: `http://127.0.0.1:${alexnetPort}`,
    inceptionUrl: `http://127.0.0.1:${inceptionPort}`,
    resnetUrl: `http://127.0.0.1:${resnetPort}`,
    output: () => log,
    stop,
  };
}
