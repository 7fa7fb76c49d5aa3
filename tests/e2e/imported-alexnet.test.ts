import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAndWait } from '../api/import-queries';
import { queryData } from '../support/graphql';
import { repoRoot, startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

const PYTHON = '/usr/bin/python3';
const EXPORT_SCRIPT = path.join(repoRoot, 'tests/support/export-grouped-alexnet.py');

/** Why PyTorch cannot export here, or undefined when Debian's python3-torch imports. */
function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const why = probe.error ? `${PYTHON} cannot run (${probe.error.message})` : `${PYTHON} cannot import torch (${probe.stderr.trim().split('\n').pop()})`;
  return `${why}: install Debian's python3-torch (apt-get install -y python3-torch; scripts/ensure-system-deps.mjs torch does it as root)`;
}

const missing = torchMissing();
if (missing) console.warn(`imported-alexnet.test.ts skipped: ${missing}`);

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, i) => start + i);

describe.skipIf(missing !== undefined)(`a grouped AlexNet exported from PyTorch, imported through the API${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  let exportDir: string;
  let shots: string;
  let modelId: string;

  beforeAll(async () => {
    // BVLC AlexNet's convs (conv1 96 filters; conv2, conv4, conv5 in 2 groups), seeded, opset 13, 127 px input.
    exportDir = mkdtempSync(path.join(tmpdir(), 'branchscope-torch-alexnet-'));
    const file = path.join(exportDir, 'grouped-alexnet.onnx');
    execFileSync(PYTHON, [EXPORT_SCRIPT, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    system = await startSystem();
    const job = await importAndWait(system.apiUrl, { name: 'Grouped AlexNet from PyTorch (untrained)', format: 'ONNX', path: file, inputRange: [-2.2, 2.7] });
    if (job.status !== 'SUCCEEDED') throw new Error(`import failed: ${job.error}`);
    modelId = job.model!.id;
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-'));
    ({ page, failures } = await openWatchedPage(browser));
    await page.goto(system.portalUrl);
    await page.locator(`section.model-group[data-weights-kind="IMPORTED"] tr[data-model="${modelId}"]`).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(shots, 'portal-imported.png'), fullPage: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  });

  it('gets the AlexNet view from the API, on conv1 → conv2, with conv2, conv4 and conv5 as 2-branch grouped blocks', async () => {
    const { model } = await queryData<{
      model: { views: string[]; firstLayerPair: { from: string; to: string }; branchedBlocks: { name: string; kind: string; branches: { inputUnits: { layer: string; start: number; end: number } }[] }[] };
    }>(system.apiUrl, 'query M($id: ID!) { model(id: $id) { views firstLayerPair { from to } branchedBlocks { name kind branches { inputUnits { layer start end } } } } }', { id: modelId });
    expect(model.views).toEqual(['ALEXNET']);
    expect(model.firstLayerPair).toEqual({ from: 'conv1', to: 'conv2' });
    expect(model.branchedBlocks.map((b) => [b.name, b.kind, b.branches.length])).toEqual([
      ['conv2', 'GROUPED', 2],
      ['conv4', 'GROUPED', 2],
      ['conv5', 'GROUPED', 2],
    ]);
    expect(model.branchedBlocks[0]!.branches.map((b) => b.inputUnits)).toEqual([
      { layer: 'conv1', start: 0, end: 48 },
      { layer: 'conv1', start: 48, end: 96 },
    ]);
  });

  it('lists the model among the imported ones, its row linking to the AlexNet view and to no Inception or ResNet view', async () => {
    const links = await page
      .locator(`section.model-group[data-weights-kind="IMPORTED"] tr[data-model="${modelId}"] a[data-view]`)
      .evaluateAll((as) => as.map((a) => [a.getAttribute('data-view'), a.getAttribute('href')]));
    expect(links).toEqual([['ALEXNET', `/alexnet?model=${modelId}`]]);
  });

  describe('its AlexNet link', () => {
    beforeAll(async () => {
      await page.locator(`tr[data-model="${modelId}"] a[data-view="ALEXNET"]`).click();
      // The first request for conv1 → conv2 waits on the worker's SVD job.
      await page.locator('circle[data-unit]').first().waitFor({ timeout: 240_000 });
      await page.locator('.weight-columns img').first().waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.weight-columns img')).every((img) => (img as HTMLImageElement).complete), null, {
        timeout: 60_000,
      });
      await page.screenshot({ path: path.join(shots, 'alexnet-imported.png'), fullPage: true });
    }, 300_000);

    it('opens /alexnet for the imported model, saying its weights are imported', async () => {
      const url = new URL(page.url());
      expect([url.pathname, url.searchParams.get('model')]).toEqual(['/alexnet', modelId]);
      expect(await page.locator('.lede [data-weights-kind="IMPORTED"]').count()).toBe(1);
    });

    it("draws conv1's filters in two branch columns, units 0-47 feeding conv2's group 0 and 48-95 its group 1, all loaded", async () => {
      const columns = await page.locator('.weight-columns [data-branch]').evaluateAll((sections) =>
        sections.map((s) => Array.from(s.querySelectorAll('li[data-unit]')).map((li) => Number(li.getAttribute('data-unit')))),
      );
      expect(columns).toEqual([range(0, 48), range(48, 96)]);
      const widths = await page.locator('.weight-columns img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
      expect(widths.filter((w) => w > 0)).toHaveLength(96);
    });

    it('places the 96 conv1 units by the singular vectors of |W(conv1 → conv2)|, 48 coloured per branch, with both explained variances', async () => {
      expect(await page.locator('#scatter-heading').innerText()).toBe('conv1 units by the singular vectors of |W(conv1 → conv2)|');
      expect(await page.locator('svg.bs-unit-scatter circle[data-unit]').count()).toBe(96);
      for (const group of ['0', '1']) expect(await page.locator(`circle[data-unit][data-group="${group}"]`).count()).toBe(48);
      for (const component of [0, 1]) {
        expect(await page.locator(`[data-explained-variance="${component}"]`).innerText()).toMatch(/^\d{1,3}\.\d% of the variance$/);
      }
    });

    it("lays out conv2's feature images in its two groups, units 0-3 and 128-131, rendering or rendered", async () => {
      expect(await page.locator('#features-heading').innerText()).toBe('Second-layer features, by branch');
      const columns = await page
        .locator('.feature-columns')
        .first()
        .locator('[data-branch]')
        .evaluateAll((sections) => sections.map((s) => Array.from(s.querySelectorAll('li[data-unit]')).map((li) => Number(li.getAttribute('data-unit')))));
      expect(columns).toEqual([range(0, 4), range(128, 132)]);
    });
  });

  it('loads every page, script, style and image through the portal without an error or error panel', async () => {
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    console.log(`screenshots: ${shots}/{portal-imported,alexnet-imported}.png`);
    expect(failures).toEqual([]);
  });
});
