import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';
import { watchFeatureStates } from './feature-states';
import type { FeatureStates } from './feature-states';

describe('AlexNet view through the portal', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let listedModels: string[];
  let failures: string[];

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    ({ page, failures } = await openWatchedPage(browser));
    await watchFeatureStates(page);
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

  describe('conv1 filters by branch', () => {
    it("puts units 0-47 in branch 0's column and 48-95 in branch 1's", async () => {
      await page.locator('.weight-columns img').first().waitFor({ timeout: 120_000 });
      const columns = await page.locator('.weight-columns [data-branch]').evaluateAll((sections) =>
        sections.map((s) => Array.from(s.querySelectorAll('li[data-unit]')).map((li) => Number(li.getAttribute('data-unit')))),
      );
      expect(columns).toEqual([
        Array.from({ length: 48 }, (_, i) => i),
        Array.from({ length: 48 }, (_, i) => 48 + i),
      ]);
    });

    it("links each filter to its unit's neuron page", async () => {
      const hrefs = await page.locator('.weight-columns li[data-unit] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs).toHaveLength(96);
      expect(hrefs[5]).toMatch(/\/neurons\/[^/]+\/conv1\/5$/);
    });

    it('loads all 96 filter images through the portal', async () => {
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.weight-columns img')).every((img) => (img as HTMLImageElement).complete), null, {
        timeout: 60_000,
      });
      const widths = await page.locator('.weight-columns img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
      expect(widths).toHaveLength(96);
      expect(widths.filter((w) => w > 0)).toHaveLength(96);
    });

    it('sums up each branch with its median colour index', async () => {
      const summaries = await page.locator('.weight-columns [data-branch] .bs-branch-summary').allInnerTexts();
      expect(summaries).toHaveLength(2);
      for (const summary of summaries) expect(summary).toMatch(/median colour index \d\.\d\d/);
    });

    it("bins every one of a branch's 48 filters in its colour-index histogram", async () => {
      const totals = await page.locator('.weight-columns [data-branch]').evaluateAll((sections) =>
        sections.map((s) => Array.from(s.querySelectorAll('rect[data-count]')).reduce((sum, r) => sum + Number(r.getAttribute('data-count')), 0)),
      );
      expect(totals).toEqual([48, 48]);
    });
  });

  describe('conv2 feature images', () => {
    let states: FeatureStates;

    beforeAll(async () => {
      // The render of 8 units runs on the CPU worker: tens of seconds on a busy machine.
      await page.locator('.feature-columns[data-feature-state="ready"] img').first().waitFor({ timeout: 240_000 });
      states = await page.evaluate(() => (window as unknown as { __featureStates: FeatureStates }).__featureStates);
    }, 300_000);

    it('showed a placeholder while the worker rendered, then the images', () => {
      expect(states.sections).toEqual(['pending', 'ready']);
    });

    it("showed the render job's state in the placeholder", () => {
      expect(states.jobStatuses.some((s) => s === 'RUNNING' || s === 'QUEUED')).toBe(true);
    });

    it('shows four loaded images per branch, from the first units of each', async () => {
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.feature-columns img')).every((img) => (img as HTMLImageElement).complete), null, {
        timeout: 60_000,
      });
      const columns = await page.locator('.feature-columns [data-branch]').evaluateAll((sections) =>
        sections.map((s) =>
          Array.from(s.querySelectorAll('li[data-unit]')).map((li) => [Number(li.getAttribute('data-unit')), li.querySelector('img')?.naturalWidth ?? 0]),
        ),
      );
      expect(columns).toEqual([
        [0, 1, 2, 3].map((unit) => [unit, 64]),
        [128, 129, 130, 131].map((unit) => [unit, 64]),
      ]);
    });

    it('removes the progress line once the images are in', async () => {
      await page.locator('.render-progress').waitFor({ state: 'detached', timeout: 10_000 });
      expect(await page.locator('.render-progress').count()).toBe(0);
    });
  });

  it('loads every page, script, style and image through the portal without an error', () => {
    expect(failures).toEqual([]);
  });

  it('shows no error panel, and keeps screenshots to look at', async () => {
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'alexnet.png'), fullPage: true });
    console.log(`screenshots: ${shots}/{portal,alexnet,unknown-model,embed-scatter,embed-weights}.png`);
  });

  it('names an unknown model and the models the view can show', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${system.portalUrl}/alexnet?model=no-such-model`);
    // Visible, not merely parsed: streamed content sits in a hidden template until React reveals it.
    await other.locator('.bs-error-panel').waitFor({ state: 'visible', timeout: 30_000 });
    const text = await other.locator('.bs-error-panel').innerText();
    expect(text).toContain("no model has id 'no-such-model'");
    expect(text).toContain('NOT_FOUND');
    expect(text).toMatch(/Models this view can show: alexnet\b/);
    await other.screenshot({ path: path.join(shots, 'unknown-model.png'), fullPage: true });
    await other.close();
  });

  describe('embed routes', () => {
    let embed: Page;

    beforeAll(async () => {
      embed = await browser.context.newPage();
      await embed.setViewportSize({ width: 640, height: 720 });
    });

    afterAll(async () => {
      await embed?.close();
    });

    it('draws the scatter with 96 points and no portal chrome', async () => {
      await embed.goto(`${system.portalUrl}/alexnet/embed/scatter?model=alexnet`);
      await embed.locator('circle[data-unit]').first().waitFor({ timeout: 60_000 });
      expect(await embed.locator('circle[data-unit]').count()).toBe(96);
      expect(await embed.locator('header, nav, form, .site-header').count()).toBe(0);
      await embed.screenshot({ path: path.join(shots, 'embed-scatter.png'), fullPage: true });
    });

    it('fits the scatter to the width of a narrow frame', async () => {
      const width = await embed.locator('svg.bs-unit-scatter').evaluate((svg) => svg.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(640);
      expect(await embed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    });

    it('draws the filters of both branches, 48 each, and no portal chrome', async () => {
      await embed.goto(`${system.portalUrl}/alexnet/embed/weights?model=alexnet`);
      await embed.locator('.weight-columns').waitFor({ state: 'visible', timeout: 60_000 });
      await embed.waitForFunction(() => {
        const imgs = Array.from(document.querySelectorAll('img')) as HTMLImageElement[];
        return imgs.length === 96 && imgs.every((img) => img.complete && img.naturalWidth > 0);
      }, null, { timeout: 60_000 });
      const counts = await embed.locator('[data-branch]').evaluateAll((sections) => sections.map((s) => s.querySelectorAll('img').length));
      expect(counts).toEqual([48, 48]);
      expect(await embed.locator('header.site-header, nav, form').count()).toBe(0);
      await embed.screenshot({ path: path.join(shots, 'embed-weights.png'), fullPage: true });
    });
  });
});
