import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from '@branchscope/store/testing';
import { repoRoot } from '../support/system';

export interface RunningZone {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Runs one built Next.js app (`next start`) on a free port with `env` added, and resolves once `readyPath`
 * answers. For tests that need a zone configured differently from the whole system.
 */
export async function startZone(dir: string, readyPath: string, env: Record<string, string>): Promise<RunningZone> {
  const appDir = path.join(repoRoot, dir);
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error(`${dir} is not built (no .next/BUILD_ID); run npm run build first`);
  }
  const port = await freePort();
  const nextBin = createRequire(path.join(appDir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1', '--keepAliveTimeout', '65000'], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${dir} exited with code ${child.exitCode}:\n${log}`);
    const status = await fetch(url + readyPath).then((r) => r.status, () => 0);
    if (status > 0 && status < 500) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${dir} did not answer ${readyPath} within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
