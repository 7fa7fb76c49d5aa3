import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium } from './chromium';
import type { Browser } from './chromium';

describe('AlexNet view through the portal', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let listedModels: string[];
  const failures: string[] = [];

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    page = await browser.context.newPage();
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(system.portalUrl);
    listedModels = await page.locator('tr[data-model]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model') ?? ''));
    await page.screenshot({ path: path.join(shots, 'portal.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'AlexNet' }).click();
    // The first request for conv1 → conv2 waits on the worker's SVD job.
    await page.locator('circle[data-unit]').first().waitFor({ timeout: 240_000 });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it("lists the API's models on the portal home page, AlexNet among them", () => {
    expect(listedModels).toContain('alexnet');
  });

  it('lands on /alexnet served at the portal origin', () => {
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(system.portalUrl).origin);
    expect(url.pathname).toBe('/alexnet');
  });

  it('draws one point per conv1 unit, 96 in all', async () => {
    const units = await page.locator('circle[data-unit]').evaluateAll((circles) =>
      circles.map((c) => Number(c.getAttribute('data-unit'))).sort((a, b) => a - b),
    );
    expect(units).toEqual(Array.from({ length: 96 }, (_, i) => i));
  });

  it('colours 48 points for each of the two conv2 branches', async () => {
    expect(await page.locator('circle[data-unit][data-group="0"]').count()).toBe(48);
    expect(await page.locator('circle[data-unit][data-group="1"]').count()).toBe(48);
  });

  it('shows the explained variance of both components as percentages', async () => {
    for (const component of [0, 1]) {
      const text = await page.locator(`[data-explained-variance="${component}"]`).innerText();
      expect(text).toMatch(/^\d{1,3}\.\d% of the variance$/);
    }
  });

  it('loads every page, script and style through the portal without an error', () => {
    expect(failures).toEqual([]);
  });

  it('shows no error panel, and keeps screenshots to look at', async () => {
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'alexnet.png'), fullPage: true });
    console.log(`screenshots: ${shots}/{portal,alexnet}.png`);
  });
});
