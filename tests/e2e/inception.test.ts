import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

/** mixed3a's 5x5 branch: index 2 of its Concat, units 192 to 223. */
const FIVE = 'section[data-branch="2"]';
const row = (branch: string, category: string) => `tr[data-branch="${branch}"][data-category="${category}"]`;

describe('InceptionV1 5x5 view through the portal', () => {
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
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'InceptionV1 5x5' }).click();
    await page.locator(`${FIVE} li[data-unit]`).first().waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(shots, 'inception-mixed3a.png'), fullPage: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('opens mixed3a at /inception/mixed3a on the portal origin', async () => {
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(system.portalUrl).origin);
    expect(url.pathname).toBe('/inception/mixed3a');
    expect(await page.getByRole('navigation', { name: 'Layers' }).locator('[aria-current="page"]').innerText()).toBe('mixed3a');
  });

  it("draws mixed3a's 5x5 branch as 32 unit cells, units 192 to 223", async () => {
    await expect(page.locator(`${FIVE} h3`).innerText()).resolves.toContain('5x5');
    const units = await page.locator(`${FIVE} li[data-unit]`).evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-unit'))));
    expect(units).toEqual(Array.from({ length: 32 }, (_, i) => 192 + i));
  });

  it("colours the 5x5 cells by the published categories, 9 of them 'BW vs Color'", async () => {
    expect(await page.locator(`${FIVE} li[data-category="BW vs Color"]`).count()).toBe(9);
    expect(await page.locator(`${FIVE} li[data-unit]:not([data-category])`).count()).toBe(0);
    expect(await page.locator('.bs-category-legend li[data-category="BW vs Color"]').getAttribute('data-count')).toBe('9');
  });

  it("shows 2.4847e-9 for 5x5 / 'BW vs Color' in the enrichment table, marked as the article's claim", async () => {
    const bw = page.locator(row('mixed3a/5x5', 'BW vs Color'));
    expect(await bw.locator('td[data-p]').innerText()).toBe('2.4847e-9');
    expect(await bw.locator('td[data-in-branch]').innerText()).toBe('9 / 9');
    expect(await bw.getAttribute('data-claim')).toBe('article');
  });

  it("says 'not labelled' for mixed3a's 1x1 branch, which the published set leaves unlabelled, not 0 / 9", async () => {
    const oneByOne = page.locator(row('mixed3a/1x1', 'BW vs Color'));
    expect(await oneByOne.locator('td[data-in-branch]').innerText()).toBe('not labelled');
    expect(await oneByOne.locator('td[data-labelled]').innerText()).toBe('0 of 64');
    expect(await page.locator(`${row('mixed3a/5x5', 'BW vs Color')} td[data-labelled]`).innerText()).toBe('32 of 32');
    expect(await page.locator('[data-enrichment-note]').innerText()).toContain("32 of mixed3a's 256 units are labelled in this set.");
  });

  it('draws the chance from labelled units only when chosen, in the URL, and back to all units', async () => {
    const choice = page.getByRole('navigation', { name: 'Chance drawn from' });
    await choice.getByRole('link', { name: 'labelled units only' }).click();
    await page.waitForURL(/population=labelled/, { timeout: 60_000 });
    await page.locator('table.enrichment[data-population="LABELLED"]').waitFor({ timeout: 60_000 });
    // All 32 labelled units lie in the 5x5: drawing 32 of 32 puts the 9 there for sure.
    expect(await page.locator(`${row('mixed3a/5x5', 'BW vs Color')} td[data-p]`).innerText()).toBe('1');
    expect(await page.locator('[data-enrichment-note]').innerText()).toContain("at random from the layer's 32 labelled units");
    expect(await page.locator('.provenance a[href*="/inception/embed/enrichment"]').getAttribute('href')).toContain('population=labelled');
    await page.screenshot({ path: path.join(shots, 'inception-labelled-population.png'), fullPage: true });

    await choice.getByRole('link', { name: 'all units' }).click();
    await page.locator('table.enrichment[data-population="ALL_UNITS"]').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.has('population')).toBe(false);
    expect(await page.locator(`${row('mixed3a/5x5', 'BW vs Color')} td[data-p]`).innerText()).toBe('2.4847e-9');
  });

  it('creates a label set and updates the enrichment table as two units are labelled, without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { branchscopeMarker: 'same document' }));
    await page.getByText('New label set', { exact: true }).click();
    const form = page.getByRole('form', { name: 'New label set' });
    await form.getByLabel('Name').fill('e2e curves');
    await form.getByLabel('Author').fill('e2e');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/labelSet=human%3A/, { timeout: 60_000 });
    await page.locator('[data-enrichment-empty]').waitFor({ timeout: 60_000 });
    // One picker, showing the new set, and the creation form closed again.
    expect(await page.locator('.set-bar select').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value))).toEqual([
      decodeURIComponent(new URL(page.url()).searchParams.get('labelSet') ?? ''),
    ]);
    expect(await page.locator('details.new-set[open]').count()).toBe(0);

    await page.locator(`${FIVE} li[data-unit="197"] button`).click();
    await page.getByPlaceholder('e.g. Curve').fill('Curve');
    await page.getByRole('button', { name: 'Label', exact: true }).click();
    const curve = page.locator(row('mixed3a/5x5', 'Curve'));
    await expect(curve.locator('td[data-in-branch]').innerText({ timeout: 60_000 })).resolves.toBe('1 / 1');
    await page.screenshot({ path: path.join(shots, 'inception-labelled-one.png'), fullPage: true });

    await page.locator(`${FIVE} li[data-unit="201"] button`).click();
    await page.getByRole('group', { name: 'Label as' }).getByRole('button', { name: 'Curve' }).click();
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === '2 / 2',
      `${row('mixed3a/5x5', 'Curve')} td[data-in-branch]`,
      { timeout: 60_000 },
    );
    // Both labelled units in a 32-unit branch of 256: P(X >= 2) = (32 * 31) / (256 * 255) = 0.01520 (3 digits shown).
    expect(await curve.locator('td[data-p]').innerText()).toBe(String(Number(((32 * 31) / (256 * 255)).toPrecision(3))));
    expect(await page.locator(`${FIVE} li[data-category="Curve"]`).evaluateAll((cells) => cells.map((c) => c.getAttribute('data-unit')))).toEqual(['197', '201']);
    expect(await page.evaluate(() => (window as unknown as { branchscopeMarker?: string }).branchscopeMarker)).toBe('same document');
    await page.screenshot({ path: path.join(shots, 'inception-labelled-two.png'), fullPage: true });
  });

  it("serves mixed3b's enrichment as a chrome-free embed with the article's 1.6794e-23", async () => {
    const embed = await browser.context.newPage();
    await embed.goto(`${system.portalUrl}/inception/embed/enrichment?layer=mixed3b&labelSet=published%3Ainceptionv1-5x5`);
    expect(await embed.locator(`${row('mixed3b/5x5', 'Curve Related')} td[data-p]`).innerText()).toBe('1.6794e-23');
    expect(await embed.locator('.site-header, nav, button, select, input').count()).toBe(0);
    await embed.screenshot({ path: path.join(shots, 'inception-embed.png'), fullPage: true });
    await embed.close();
  });

  it('serves the embed over labelled units only with ?population=labelled', async () => {
    const embed = await browser.context.newPage();
    await embed.goto(`${system.portalUrl}/inception/embed/enrichment?layer=mixed3a&labelSet=published%3Ainceptionv1-5x5&population=labelled`);
    expect(await embed.locator('table.enrichment').getAttribute('data-population')).toBe('LABELLED');
    expect(await embed.locator(`${row('mixed3a/1x1', 'BW vs Color')} td[data-in-branch]`).innerText()).toBe('not labelled');
    expect(await embed.locator(`${row('mixed3a/5x5', 'BW vs Color')} td[data-p]`).innerText()).toBe('1');
    expect(await embed.locator('.site-header, nav, button, select, input').count()).toBe(0);
    await embed.close();
  });

  it('loads every page, script, style and mutation through the portal without an error', async () => {
    expect(failures).toEqual([]);
    expect(await page.locator('.bs-error-panel, .unit-panel [role="alert"], .new-set [role="alert"]').count()).toBe(0);
    console.log(`screenshots: ${shots}/inception-{mixed3a,labelled-population,labelled-one,labelled-two,embed}.png`);
  });
});
