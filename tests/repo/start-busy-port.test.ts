import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '@branchscope/store/testing';

const startScript = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

describe('scripts/start.mjs', () => {
  it('refuses a port that is already taken, naming the port and the variable to change, and starts nothing', async () => {
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const result = spawnSync(process.execPath, [startScript], {
        env: {
          ...process.env,
          BRANCHSCOPE_API_PORT: String(await freePort()),
          BRANCHSCOPE_ALEXNET_PORT: String(await freePort()),
          BRANCHSCOPE_INCEPTION_PORT: String(await freePort()),
          BRANCHSCOPE_RESNET_PORT: String(port),
          BRANCHSCOPE_PORTAL_PORT: String(await freePort()),
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(result.stderr).toContain('BRANCHSCOPE_RESNET_PORT');
      expect(result.stdout).not.toContain('branchscope is up');
    } finally {
      squatter.close();
    }
  });
});
