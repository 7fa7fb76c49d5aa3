import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

async function graphql<T>(system: RunningSystem, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(system.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface ApiBlock {
  name: string;
  output: string;
  branches: { units: { layer: string; start: number; end: number } }[];
}

/** The residual block `name` of `modelId` as the API reports it: its Add (output) and its branch's unit range. */
async function apiBlock(system: RunningSystem, modelId: string, name: string): Promise<ApiBlock> {
  const { model } = await graphql<{ model: { branchedBlocks: ApiBlock[] } }>(
    system,
    'query($m: ID!) { model(id: $m) { branchedBlocks { name output branches { units { layer start end } } } } }',
    { m: modelId },
  );
  const block = model.branchedBlocks.find((b) => b.name === name);
  if (!block) throw new Error(`the API reports no block ${name} of ${modelId}`);
  return block;
}

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
    // Every unit of the block's branch, as many as the API's unit range holds (more than one render request's 64 or not).
    const { units } = (await apiBlock(system, 'small-resnet-residual', 'stage2_unit1')).branches[0]!;
    const channels = units.end - units.start;
    expect(channels).toBeGreaterThan(16);
    expect(await tiles.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-unit'))))).toEqual(Array.from({ length: channels }, (_, i) => i));
    expect(await page.locator('[data-unit-count]').getAttribute('data-unit-count')).toBe(String(channels));
    expect(await page.locator('[data-unit-count]').innerText()).toContain(`${channels} units in ${units.layer}`);
    // Pending tiles become images in the same document (the page follows the job and refreshes as images are stored).
    await page.locator('.block-unit-grid[data-image-state="stored"]').waitFor({ timeout: 300_000 });
    expect(await page.locator('.block-unit-grid li[data-image-state="stored"] img').count()).toBe(channels);
    await page.locator('.block-unit-grid li[data-unit]').last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.block-unit-grid img')).every((i) => (i as HTMLImageElement).complete), null, { timeout: 30_000 });
    expect(await page.locator('.block-unit-grid img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
    expect(await page.locator('.block-unit-grid img').evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
    // The branch's three convs, clustered against 20 shuffles: a p of the form (count + 1) / 21.
    await page.locator('[data-clusterability="computed"]').waitFor({ timeout: 240_000 });
    const p = Number(await page.locator('[data-shuffle-p]').getAttribute('data-shuffle-p'));
    expect(Number.isInteger(Math.round(p * 21 * 1e6) / 1e6)).toBe(true);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-clusterability="computed"]').innerText()).toContain('stage2_unit1_conv1 (32) → stage2_unit1_conv2 (32) → stage2_unit1_conv3 (128)');
    expect(await page.locator('[data-enrichment="no-label-set"]').count()).toBe(1);
    expect(await page.locator('.bs-embed-code').getAttribute('data-embed-path')).toBe('/resnet/embed/blocks/stage2_unit1?model=small-resnet-residual');
    await page.screenshot({ path: path.join(shots, 'resnet-block.png'), fullPage: true });
  }, 600_000);

  it("shows a label set's enrichment at the block's Add once units of it are labelled through the API, with each row's p", async () => {
    const block = await apiBlock(system, 'small-resnet-residual', 'stage2_unit1');
    const { createLabelSet } = await graphql<{ createLabelSet: { id: string } }>(
      system,
      'mutation($m: ID!) { createLabelSet(modelId: $m, name: "e2e resnet set", author: "tester") { id } }',
      { m: 'small-resnet-residual' },
    );
    const { start, end } = block.branches[0]!.units;
    // Three curve units inside the branch's range, one outside it, and one colour unit outside it.
    const labels: [number, string][] = [
      [start, 'curve'],
      [start + 1, 'curve'],
      [start + 2, 'curve'],
      [end + 1, 'curve'],
      [end + 2, 'colour'],
    ];
    for (const [unit, category] of labels) {
      await graphql(system, 'mutation($s: ID!, $l: String!, $u: Int!, $c: String!) { labelUnit(labelSetId: $s, layer: $l, unit: $u, category: $c, author: "tester") { unit } }', {
        s: createLabelSet.id,
        l: block.output,
        u: unit,
        c: category,
      });
    }
    await page.reload();
    const table = page.locator('table[data-enrichment="rows"]');
    await table.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-enrichment="no-label-set"]').count()).toBe(0);
    expect(await page.locator('[data-layer-labelled]').getAttribute('data-layer-labelled')).toBe(String(labels.length));
    // The page's rows are the API's enrichment of the block's Add, each p a probability.
    const { enrichment } = await graphql<{ enrichment: { branch: string; category: string; inBranch: number; branchLabelled: number; p: number }[] }>(
      system,
      'query($m: ID!, $s: ID!, $l: String!) { enrichment(modelId: $m, labelSetId: $s, layer: $l) { branch category inBranch branchLabelled p } }',
      { m: 'small-resnet-residual', s: createLabelSet.id, l: block.output },
    );
    const expected = enrichment.filter((r) => r.branchLabelled > 0);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(expected.length);
    const curveInBranch = expected.find((r) => r.category === 'curve' && r.inBranch === 3);
    expect(curveInBranch).toBeDefined();
    const curveRow = table.locator(`tr[data-branch="${curveInBranch!.branch}"][data-category="curve"]`);
    expect(await curveRow.locator('[data-in-branch]').innerText()).toBe('3 / 4');
    const p = Number(await curveRow.locator('[data-p]').getAttribute('data-p'));
    expect(p).toBeCloseTo(curveInBranch!.p, 12);
    for (const cell of await table.locator('[data-p]').all()) {
      const value = Number(await cell.getAttribute('data-p'));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    await page.goBack();
    await page.locator('svg g[data-block]').first().waitFor({ timeout: 60_000 });
  }, 120_000);

  it('serves the diagram as an embed without the portal chrome', async () => {
    const embed = await browser.context.newPage();
    await embed.goto(`${system.portalUrl}/resnet/embed/blocks?model=resnet50-v1`);
    expect(await embed.locator('svg g[data-block]').count()).toBe(16);
    expect(await embed.locator('.site-header, nav, a').count()).toBe(0);
    await embed.screenshot({ path: path.join(shots, 'resnet-embed.png'), fullPage: true });
    await embed.close();
  });

  it("serves a block's units and specialization as an embed, read-only and without the portal chrome", async () => {
    const embed = await browser.context.newPage();
    await embed.goto(`${system.portalUrl}/resnet/embed/blocks/stage2_unit1?model=small-resnet-residual`);
    const { units } = (await apiBlock(system, 'small-resnet-residual', 'stage2_unit1')).branches[0]!;
    expect(await embed.locator('.block-unit-grid li[data-unit]').count()).toBe(units.end - units.start);
    expect(await embed.locator('table[data-enrichment="rows"] tbody tr').count()).toBeGreaterThan(0);
    expect(await embed.locator('.site-header, nav, .block-unit-grid a').count()).toBe(0);
    expect(await embed.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    await embed.close();
  });

  it('loads every page, script and style through the portal without an error', async () => {
    expect(failures).toEqual([]);
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    console.log(`screenshots: ${shots}/{resnet50,resnet-block,resnet-embed}.png`);
  });
});
