import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@branchscope/store/testing';
import { launchChromium } from './chromium';
import type { Browser } from './chromium';
import { startZone } from './next-zone';
import type { RunningZone } from './next-zone';

describe('AlexNet view without an API', () => {
  let zone: RunningZone;
  let browser: Browser;
  // Nothing listens here: the port was free a moment ago and nobody is told about it.
  let deadApiUrl: string;

  beforeAll(async () => {
    deadApiUrl = `http://127.0.0.1:${await freePort()}/graphql`;
    zone = await startZone('apps/alexnet', '/alexnet', { BRANCHSCOPE_API_URL: deadApiUrl });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await zone?.stop();
  });

  it('shows an error panel naming the unreachable API instead of a scatter', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${zone.url}/alexnet`);
    const panel = page.locator('.bs-error-panel');
    await panel.waitFor({ timeout: 60_000 });
    const text = await panel.innerText();
    expect(text).toContain('NETWORK_ERROR');
    expect(text).toContain(deadApiUrl);
    expect(await page.locator('circle[data-unit]').count()).toBe(0);
    const shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    await page.screenshot({ path: path.join(shots, 'alexnet-api-unreachable.png'), fullPage: true });
    console.log(`screenshot: ${path.join(shots, 'alexnet-api-unreachable.png')}`);
  }, 120_000);
});
