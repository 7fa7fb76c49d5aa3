import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { writeSeededImageFolder } from '../support/seeded-image-folder';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

const MODEL = 'demo-split-first-layer-4b';
/** A model whose conv1 is a first conv layer (fed by the input), so its units have weight images. */
const WEIGHTS_MODEL = 'small-alexnet-2b';
/** The image folder the test registers as a dataset, so the neuron page shows its examples. */
const DATASET = 'e2e-patterns';

/** How many of the images `selector` matches have not loaded (incomplete or no pixels), once each is scrolled to. */
async function unloadedImages(page: Page, selector: string): Promise<number> {
  const images = page.locator(selector);
  for (let i = 0; i < (await images.count()); i++) await images.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => Array.from(document.querySelectorAll(s)).every((i) => (i as HTMLImageElement).complete), selector, { timeout: 30_000 });
  return images.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 0).length);
}

async function graphql<T>(system: RunningSystem, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(system.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe('grids of feature images and neuron pages', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  let datasets: string;

  beforeAll(async () => {
    datasets = mkdtempSync(path.join(tmpdir(), 'branchscope-e2e-datasets-'));
    writeSeededImageFolder(path.join(datasets, DATASET));
    system = await startSystem({ env: { BRANCHSCOPE_DATASET_DIRS: datasets } });
    await graphql(system, 'mutation($path: String!) { registerDataset(name: "E2E patterns", path: $path) { id } }', { path: path.join(datasets, DATASET) });
    browser = await launchChromium();
    ({ page, failures } = await openWatchedPage(browser));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (datasets) rmSync(datasets, { recursive: true, force: true });
  });

  it("draws the Inception view's cells as pending tiles, then fills them in with feature images while the layer renders", async () => {
    await page.goto(`${system.portalUrl}/inception/conv1?model=${MODEL}`);
    const status = page.locator('.layer-images');
    await status.waitFor({ timeout: 120_000 });
    expect(await status.getAttribute('data-images-total')).toBe('32');
    expect(await status.getAttribute('data-images-ready')).toBe('0');
    expect(await page.locator('li[data-unit][data-image-state="pending"]').count()).toBe(32);
    await page.getByRole('button', { name: "Render this layer's feature images" }).click();
    await page.locator('.layer-images[data-job-status="RUNNING"], .layer-images[data-job-status="QUEUED"], .layer-images[data-images-ready="32"]').first().waitFor({ timeout: 60_000 });
    // The cells fill in within the same document (no reload), each image in its category frame.
    await page.locator('.layer-images[data-images-ready="32"]').waitFor({ timeout: 400_000 });
    await page.locator('li[data-unit][data-image-state="stored"] img').nth(31).waitFor({ timeout: 30_000 });
    expect(await page.locator('li[data-unit][data-image-state="stored"] img').count()).toBe(32);
    const broken = await page.locator('li[data-unit] img').evaluateAll((imgs) =>
      Promise.all(imgs.map((i) => (i as HTMLImageElement).decode().then(() => 0, () => 1))).then((r) => r.reduce((a, b) => a + b, 0)),
    );
    expect(broken).toBe(0);
  }, 600_000);

  it("opens a unit's neuron page from a click on its image in the grid: its stored feature image, branch, descriptors and its dataset examples", async () => {
    // A click on the unit's image opens its page; its corner button selects it, and the panel links there too.
    await page.locator('li[data-unit="9"] button').click();
    expect(await page.locator('a[data-neuron-link]').getAttribute('href')).toMatch(new RegExp(`/neurons/${MODEL}/conv1/9$`));
    await page.locator('li[data-unit="9"] a').click();
    await page.waitForURL(new RegExp(`/neurons/${MODEL}/conv1/9$`));
    await page.locator('[data-fv-status="READY"] img').waitFor({ timeout: 60_000 });
    expect(await page.locator('h1').innerText()).toBe('conv1 unit 9');
    expect(await page.locator('[data-branch]').getAttribute('data-branch')).toMatch(/conv1/);
    expect(Number(await page.locator('[data-color-index]').getAttribute('data-color-index'))).toBeGreaterThanOrEqual(0);
    // Dataset examples of the registered folder: the layer's job followed live, then the 9 highest and 9 lowest crops.
    expect(['pending', 'ready']).toContain(await page.locator('[data-dataset-examples]').getAttribute('data-dataset-examples'));
    await page.locator('[data-dataset-examples="ready"]').waitFor({ timeout: 240_000 });
    expect(await page.locator('[data-dataset-examples="ready"] .caption strong').first().innerText()).toBe('E2E patterns');
    expect(await page.locator('ol[aria-label="Highest dataset examples"] li img').count()).toBe(9);
    expect(await page.locator('ol[aria-label="Lowest dataset examples"] li img').count()).toBe(9);
    expect(await unloadedImages(page, '.example-row li img')).toBe(0);
    const ranks = await page.locator('ol[aria-label="Highest dataset examples"] li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-rank'))));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }, 360_000);

  it("shows a first-conv unit's filter as its weight image, once the layer's weight images are stored", async () => {
    // The split model's conv1 reads a preprocessed input; small-alexnet-2b's conv1 is fed by the input itself.
    await answerOf(system.apiUrl, `query { weightImages(modelId: "${WEIGHTS_MODEL}", layer: "conv1") { result { unit } ${ANSWER_JOB_FIELDS} } }`, 'weightImages');
    await page.goto(`${system.portalUrl}/neurons/${WEIGHTS_MODEL}/conv1/9`);
    const filter = page.locator('figure.neuron-weight img[alt="Filter of conv1 unit 9"]');
    await filter.waitFor({ timeout: 60_000 });
    expect(await unloadedImages(page, 'figure.neuron-weight img')).toBe(0);
    expect(await page.locator('figure.neuron-weight figcaption').innerText()).toMatch(/^\d+ × \d+ × 3, channels/);
    await page.goto(`${system.portalUrl}/neurons/${MODEL}/conv1/9`);
  }, 180_000);

  it('labels the unit from its page ("label this unit") and lists the label', async () => {
    await graphql(system, 'mutation($m: ID!) { createLabelSet(modelId: $m, name: "e2e set", author: "tester") { id } }', { m: MODEL });
    await page.reload();
    await page.getByLabel('Category').fill('Colour contrast');
    await page.getByRole('button', { name: 'Label this unit' }).click();
    await page.locator('li[data-category="Colour contrast"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.neuron-labels li').innerText()).toContain('Colour contrast in e2e set');
  }, 120_000);

  it("offers the neuron's read-only embed: \"Copy embed code\" for /embed/neurons/…, which draws its feature image, weight image and dataset examples with no header, forms or navigation, noindex", async () => {
    const embedPath = `/embed/neurons/${MODEL}/conv1/9`;
    expect(await page.locator('.bs-embed-code').getAttribute('data-embed-path')).toBe(embedPath);
    expect(await page.locator('.bs-embed-code textarea').inputValue()).toContain(`src="${system.portalUrl}${embedPath}"`);
    const response = await page.goto(`${system.portalUrl}${embedPath}`);
    expect(response?.status()).toBe(200);
    await page.locator('main.embed[data-embed] [data-fv-status="READY"] img').waitFor({ timeout: 60_000 });
    expect(await page.locator('header, nav, form').count()).toBe(0);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
    expect(await page.locator('[aria-label="Weight image"]').count()).toBe(1);
    expect(await page.locator('[data-dataset-examples]').getAttribute('data-dataset-examples')).toBe('ready');
    expect(await page.locator('.example-row li img').count()).toBe(18);
    expect(await page.locator('.bs-error-panel').count()).toBe(0);
    expect(await page.locator('[data-neuron] a').getAttribute('href')).toBe(`/neurons/${MODEL}/conv1/9`);
  }, 120_000);

  it("redirects the Inception zone's old unit page to the neuron page", async () => {
    await page.goto(`${system.portalUrl}/inception/conv1/units/9?model=${MODEL}`);
    await page.waitForURL(new RegExp(`/neurons/${MODEL}/conv1/9$`));
    expect(await page.locator('h1').innerText()).toBe('conv1 unit 9');
  }, 60_000);

  it('names what is wrong on the neuron page and its embed: a unit that is not a number, a layer or a model the API lacks', async () => {
    const cases = [
      { route: `${MODEL}/conv1/nine`, names: "'nine' is not a unit index" },
      { route: `${MODEL}/conv9/0`, names: `model '${MODEL}' has no layer 'conv9'` },
      { route: 'no-such-model/conv1/0', names: "no model with id 'no-such-model'" },
    ];
    const { page: errorPage } = await openWatchedPage(browser);
    try {
      for (const { route, names } of cases) {
        for (const prefix of ['', '/embed']) {
          await errorPage.goto(`${system.portalUrl}${prefix}/neurons/${route}`);
          // The message, not the panel's title (which repeats the route), names the problem.
          const message = errorPage.locator('.bs-error-panel .bs-error-message');
          await message.waitFor({ timeout: 30_000 });
          const text = await message.innerText();
          expect(text, `${prefix}/neurons/${route}`).toContain(names);
          expect(await errorPage.locator('[data-neuron]').count()).toBe(0);
        }
      }
    } finally {
      await errorPage.close();
    }
  }, 120_000);

  it('links every tile of a ResNet block grid to its neuron page', async () => {
    await page.goto(`${system.portalUrl}/resnet/blocks/stage2_unit2?model=small-resnet-residual`);
    await page.locator('.block-unit-grid li[data-unit] a').first().waitFor({ timeout: 60_000 });
    const hrefs = await page.locator('.block-unit-grid li[data-unit] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs[0]).toMatch(/^\/neurons\/small-resnet-residual\/stage2_unit2_\w+\/0$/);
    await page.locator('.block-unit-grid li[data-unit="0"] a').click();
    await page.waitForURL(/\/neurons\/small-resnet-residual\//);
    await page.locator('[data-fv-status]').waitFor({ timeout: 60_000 });
    expect(failures, `page errors and 4xx/5xx responses: ${JSON.stringify(failures)}`).toEqual([]);
  }, 120_000);
});
