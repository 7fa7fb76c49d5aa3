import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

/** Per drawn stage band: its name and block count, in order. */
function stageBands(page: Page): Promise<[string, number][]> {
  return page
    .locator('svg g.bs-stage')
    .evaluateAll((bands) => bands.map((b) => [b.getAttribute('data-stage') ?? '', Number(b.getAttribute('data-blocks'))] as [string, number]));
}

describe('ResNet blocks view through the portal', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let failures: string[];

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    ({ page, failures } = await openWatchedPage(browser));
    await page.goto(system.portalUrl);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'ResNet blocks' }).click();
    await page.locator('svg g[data-block]').first().waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(shots, 'resnet50.png'), fullPage: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('opens resnet50-v1 by default at /resnet on the portal origin', async () => {
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(system.portalUrl).origin);
    expect(url.pathname).toBe('/resnet');
    expect(await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue()).toBe('resnet50-v1');
  });

  it('draws 16 residual blocks in 4 stages of 3, 4, 6 and 3 blocks', async () => {
    expect(await page.locator('svg g[data-block]').count()).toBe(16);
    expect(await stageBands(page)).toEqual([
      ['stage1', 3],
      ['stage2', 4],
      ['stage3', 6],
      ['stage4', 3],
    ]);
  });

  it('gives the stages inner widths of 64, 128, 256 and 512 units', async () => {
    const widths = await page.locator('svg g[data-block]').evaluateAll((blocks) => {
      const byStage: Record<string, number[]> = {};
      for (const b of blocks) (byStage[b.getAttribute('data-stage') ?? ''] ??= []).push(Number(b.getAttribute('data-units')));
      return Object.values(byStage).map((units) => [...new Set(units)]);
    });
    expect(widths).toEqual([[64], [128], [256], [512]]);
  });

  it('lists every block in the table with its stage, units and member layers', async () => {
    const rows = page.locator('table.blocks tbody tr');
    expect(await rows.count()).toBe(16);
    const first = page.locator('table.blocks tr[data-block="stage1_unit1"]');
    expect(await first.getAttribute('data-units')).toBe('64');
    expect(await first.locator('td.layers').innerText()).toContain('stage1_unit1_conv2');
  });

  it('switches to another ResNet through the model picker', async () => {
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('small-resnet-residual');
    await page.waitForURL(/model=small-resnet-residual/);
    await page.locator('svg g[data-block="stage3_unit2"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('svg g[data-block]').count()).toBe(6);
  });

  it("opens a block's page from the table: its units fill in as feature images while the render job stores them, and its n-cut with the shuffle p", async () => {
    await page.locator('table.blocks tr[data-block="stage2_unit1"] a').click();
    await page.waitForURL(/\/resnet\/blocks\/stage2_unit1\?model=small-resnet-residual/);
    const tiles = page.locator('.block-unit-grid li[data-unit]');
    await tiles.first().waitFor({ timeout: 60_000 });
    expect(await tiles.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-unit'))))).toEqual(Array.from({ length: 16 }, (_, i) => i));
    // Pending tiles become images in the same document (the page follows the job and refreshes as images are stored).
    await page.locator('.block-unit-grid[data-image-state="stored"]').waitFor({ timeout: 240_000 });
    expect(await page.locator('.block-unit-grid li[data-image-state="stored"] img').count()).toBe(16);
    expect(await page.locator('.block-unit-grid img').evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
    // The branch's three convs, clustered against 20 shuffles: a p of the form (count + 1) / 21.
    await page.locator('[data-clusterability="computed"]').waitFor({ timeout: 240_000 });
    const p = Number(await page.locator('[data-shuffle-p]').getAttribute('data-shuffle-p'));
    expect(Number.isInteger(Math.round(p * 21 * 1e6) / 1e6)).toBe(true);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-clusterability="computed"]').innerText()).toContain('stage2_unit1_conv1 (32) → stage2_unit1_conv2 (32) → stage2_unit1_conv3 (128)');
    expect(await page.locator('[data-enrichment="no-label-set"]').count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'resnet-block.png'), fullPage: true });
    await page.goBack();
    await page.locator('svg g[data-block]').first().waitFor({ timeout: 60_000 });
  }, 600_000);

  it('serves the diagram as an embed without the portal chrome', async () => {
    const embed = await browser.context.newPage();
    await embed.goto(`${system.portalUrl}/resnet/embed/blocks?model=resnet50-v1`);
    expect(await embed.locator('svg g[data-block]').count()).toBe(16);
    expect(await embed.locator('.site-header, nav, a').count()).toBe(0);
    await embed.screenshot({ path: path.join(shots, 'resnet-embed.png'), fullPage: true });
    await embed.close();
  });

  it('loads every page, script and style through the portal without an error', async () => {
    expect(failures).toEqual([]);
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    console.log(`screenshots: ${shots}/{resnet50,resnet-block,resnet-embed}.png`);
  });
});
