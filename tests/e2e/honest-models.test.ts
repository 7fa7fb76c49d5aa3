import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAndWait } from '../api/import-queries';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

const RANDOM_NOTICE = 'aside[data-weights-kind="SEEDED_RANDOM"]';

/** The ids of the rows of one weights group on the portal, in order. */
function groupRows(page: Page, kind: string): Promise<string[]> {
  return page.locator(`section.model-group[data-weights-kind="${kind}"] tr[data-model]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model') ?? ''));
}

describe('honest models: the portal groups models by their weights, and random-weight views say so', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  let shots: string;
  let importedId: string;

  beforeAll(async () => {
    system = await startSystem();
    const job = await importAndWait(system.apiUrl, { name: 'Imported small AlexNet', format: 'ONNX', base64: Buffer.from(smallAlexnetOnnx()).toString('base64') });
    importedId = job.model!.id;
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    ({ page, failures } = await openWatchedPage(browser));
    await page.goto(system.portalUrl);
    await page.locator('section.model-group tr[data-model]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(shots, 'portal-groups.png'), fullPage: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('lists the models in three groups, trained here, imported and random weights, in that order', async () => {
    const kinds = await page.locator('section.model-group').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-weights-kind')));
    expect(kinds).toEqual(['TRAINED_HERE', 'IMPORTED', 'SEEDED_RANDOM']);
    expect(await groupRows(page, 'TRAINED_HERE')).toEqual(['demo-small-alexnet-1b', 'demo-small-alexnet-2b', 'demo-split-first-layer-4b']);
    expect(await groupRows(page, 'IMPORTED')).toEqual([importedId]);
    const random = await groupRows(page, 'SEEDED_RANDOM');
    expect(random).toEqual(expect.arrayContaining(['alexnet', 'inceptionv1', 'resnet50-v1', 'small-alexnet-1b']));
    expect(await page.locator('tr[data-model="alexnet"] td').first().innerText()).toBe('AlexNet (BVLC topology, random weights)');
  });

  it('links each row to the views its structure allows', async () => {
    const links = async (id: string) =>
      page.locator(`tr[data-model="${id}"] a[data-view]`).evaluateAll((as) => as.map((a) => [a.getAttribute('data-view'), a.getAttribute('href')]));
    expect(await links('demo-split-first-layer-4b')).toEqual([
      ['ALEXNET', '/alexnet?model=demo-split-first-layer-4b'],
      ['INCEPTION', '/inception?model=demo-split-first-layer-4b'],
    ]);
    expect(await links('inceptionv1')).toEqual([['INCEPTION', '/inception?model=inceptionv1']]);
    expect(await links('resnet50-v1')).toEqual([['RESNET', '/resnet?model=resnet50-v1']]);
    expect(await links(importedId)).toEqual([['ALEXNET', `/alexnet?model=${importedId}`]]);
  });

  describe("the unbranched control's link", () => {
    beforeAll(async () => {
      await page.locator('tr[data-model="demo-small-alexnet-1b"] a[data-view="ALEXNET"]').click();
      await page.locator('circle[data-unit]').first().waitFor({ timeout: 240_000 });
      await page.locator('.weight-columns img').first().waitFor({ timeout: 120_000 });
      await page.screenshot({ path: path.join(shots, 'alexnet-control.png'), fullPage: true });
    }, 300_000);

    it('opens the AlexNet view of the control', () => {
      const url = new URL(page.url());
      expect(url.pathname).toBe('/alexnet');
      expect(url.searchParams.get('model')).toBe('demo-small-alexnet-1b');
    });

    it('draws its conv1 filters in one column, all 32 of them', async () => {
      const columns = await page.locator('.weight-columns [data-branch]').evaluateAll((sections) => sections.map((s) => s.querySelectorAll('li[data-unit]').length));
      expect(columns).toEqual([32]);
    });

    it('places its 32 conv1 units by the singular vectors of |W|, shaded by colour index rather than grouped', async () => {
      expect(await page.locator('circle[data-unit]').count()).toBe(32);
      expect(await page.locator('circle[data-unit][data-group]').count()).toBe(0);
    });

    it('says the model was trained here and shows no random-weights notice', async () => {
      expect(await page.locator('.lede [data-weights-kind="TRAINED_HERE"]').innerText()).toBe('trained here on natural-default, seed 10, 45 epochs');
      expect(await page.locator(RANDOM_NOTICE).count()).toBe(0);
    });
  });

  it('draws the 4 first-layer branches of the split model, 8 filters and 8 points each', async () => {
    await page.goto(`${system.portalUrl}/alexnet?model=demo-split-first-layer-4b`, { waitUntil: 'commit' });
    await page.locator('circle[data-unit]').first().waitFor({ timeout: 240_000 });
    await page.locator('.weight-columns img').first().waitFor({ timeout: 120_000 });
    const columns = await page.locator('.weight-columns [data-branch]').evaluateAll((sections) => sections.map((s) => s.querySelectorAll('li[data-unit]').length));
    expect(columns).toEqual([8, 8, 8, 8]);
    for (const group of [0, 1, 2, 3]) expect(await page.locator(`circle[data-unit][data-group="${group}"]`).count()).toBe(8);
    expect(await page.locator(RANDOM_NOTICE).count()).toBe(0);
  }, 300_000);

  it('puts the random-weights notice over a random model in the AlexNet view, linking the trained models', async () => {
    await page.goto(`${system.portalUrl}/alexnet?model=small-alexnet-2b`, { waitUntil: 'commit' });
    const notice = page.locator(RANDOM_NOTICE);
    await notice.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await notice.innerText()).toMatch(/Random weights \(seed 1\), never trained\..*say nothing about what training learns/s);
    const hrefs = await notice.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/alexnet?model=demo-small-alexnet-2b', `/alexnet?model=${importedId}`]));
    await page.screenshot({ path: path.join(shots, 'alexnet-random.png'), fullPage: true });
  }, 120_000);

  it('puts the notice over the random InceptionV1 and ResNet-50 too, and over none of the trained split model in the Inception view', async () => {
    await page.goto(`${system.portalUrl}/inception?model=inceptionv1`, { waitUntil: 'commit' });
    await page.locator(RANDOM_NOTICE).waitFor({ state: 'visible', timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/inception/mixed3a');
    await page.goto(`${system.portalUrl}/resnet?model=resnet50-v1`, { waitUntil: 'commit' });
    await page.locator(RANDOM_NOTICE).waitFor({ state: 'visible', timeout: 60_000 });
    await page.goto(`${system.portalUrl}/inception?model=demo-split-first-layer-4b`, { waitUntil: 'commit' });
    await page.locator('section[data-branch]').first().waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/inception/conv1');
    expect(await page.locator('section[data-branch]').count()).toBe(4);
    expect(await page.locator(RANDOM_NOTICE).count()).toBe(0);
  }, 180_000);

  it('loads every page, script, style and image through the portal without an error', () => {
    console.log(`screenshots: ${shots}/{portal-groups,alexnet-control,alexnet-random}.png`);
    expect(failures).toEqual([]);
  });
});
