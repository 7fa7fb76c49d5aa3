import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelsQuery, SpecializationReportQuery, operationText } from '@branchscope/client';
import type { ModelsQueryResult, SpecializationReport, SpecializationReportQueryResult } from '@branchscope/client';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAndWait } from '../api/import-queries';
import { postGraphql, queryData } from '../support/graphql';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { seriousAxeViolations } from './axe';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';
import { volatileParts } from './page-views';
import { comparePng } from './png-compare';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'goldens', 'specialization-report.png');
/** `BRANCHSCOPE_UPDATE_GOLDENS=1`: write this page's golden instead of comparing. */
const UPDATING = process.env.BRANCHSCOPE_UPDATE_GOLDENS === '1';
/** The committed trained model whose two conv1 branches split by colour. */
const DEMO = 'demo-small-alexnet-2b';

/** The screenshot the goldens are taken with: the whole page, animations stopped, no caret, job ids and times masked. */
function screenshot(page: Page): Promise<Buffer> {
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css', mask: volatileParts(page), maskColor: '#c8c8c8' });
}

/** The stored report, as the API answers once the page's job has stored it. */
async function storedReport(apiUrl: string, modelId: string): Promise<SpecializationReport> {
  const data = await queryData<SpecializationReportQueryResult>(apiUrl, operationText(SpecializationReportQuery), { modelId, layer: null });
  const result = data.model?.specializationReport.result;
  if (!result) throw new Error(`the report of ${modelId} is not stored (job ${data.model?.specializationReport.job?.status})`);
  return result;
}

/** Opens a report page and waits until its layers are drawn (its job followed live and the page refreshed). */
async function openReport(page: Page, url: string): Promise<string> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const html = (await response?.text()) ?? '';
  await page.locator('section.specialization-layer').first().waitFor({ timeout: 240_000 });
  return html;
}

describe('the specialization report page of any model', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  let shots: string;
  let firstHtml: string;

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-specialization-'));
    console.log(`specialization report screenshots: ${shots}`);
    ({ page, failures } = await openWatchedPage(browser));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it("links each model row of the portal's home page to its report", async () => {
    await page.goto(system.portalUrl);
    await page.locator('tr[data-model]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(shots, 'portal.png'), fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css', mask: volatileParts(page), maskColor: '#c8c8c8' });
    const rows = await page.locator('tr[data-model]').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-model'), tr.querySelector('a[data-report="specialization"]')?.getAttribute('href') ?? null]),
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [id, href] of rows) expect(href, id ?? '').toBe(`/specialization/${encodeURIComponent(id ?? '')}`);
    expect(await page.locator(`tr[data-model="${DEMO}"] a[data-report]`).innerText()).toBe('Specialization report');
  });

  describe(`the trained ${DEMO}, followed from its row`, () => {
    let report: SpecializationReport;

    beforeAll(async () => {
      const navigated = page.waitForResponse((r) => r.url().endsWith(`/specialization/${DEMO}`) && r.request().resourceType() === 'document');
      await page.locator(`tr[data-model="${DEMO}"] a[data-report]`).click();
      firstHtml = await (await navigated).text();
      await page.locator('section.specialization-layer').first().waitFor({ timeout: 240_000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      report = await storedReport(system.apiUrl, DEMO);
    }, 300_000);

    it('answered the first visit with the report job, followed live until the page showed the stored report', () => {
      expect(new URL(page.url()).pathname).toBe(`/specialization/${DEMO}`);
      expect(firstHtml).toMatch(/class="bs-job-progress[^"]*"[^>]*data-job-kind="specialization-report"/);
      expect(firstHtml).not.toContain('class="specialization-layer"');
    });

    it('states what the weights are, with no random-weights notice', async () => {
      expect(await page.locator('h1').innerText()).toBe(`Specialization report of ${DEMO}`);
      expect(await page.locator('.specialization-weights').innerText()).toBe(report.weightsStatement);
      expect(report.weights).toBe('TRAINED_HERE');
      expect(await page.locator('aside[data-weights-kind="SEEDED_RANDOM"]').count()).toBe(0);
    });

    it("draws conv1's 32 colour indices as a histogram with its median, dip and bimodality", async () => {
      const conv1 = page.locator('section.specialization-layer[data-layer="conv1"]');
      const counts = await conv1.locator('svg.bs-color-index-histogram rect[data-count]').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
      const api = report.layers.find((l) => l.layer === 'conv1')!;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(32);
      expect(counts).toEqual(api.color!.histogram.counts);
      expect(await conv1.locator('[data-stat="median"]').innerText()).toBe(api.color!.median.toFixed(2));
      expect(await conv1.locator('[data-stat="dip"]').innerText()).toContain(api.color!.dip.dip.toFixed(4));
      expect(await conv1.locator('[data-stat="bimodality"]').innerText()).toContain(api.color!.bimodality.coefficient.toFixed(3));
    });

    it('lists the two branches with their medians, and the colour verdict SPLIT in words with its criterion', async () => {
      const conv1 = page.locator('section.specialization-layer[data-layer="conv1"]');
      const rows = await conv1.locator('table[data-table="branches"] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell as HTMLElement).innerText)),
      );
      const branches = report.layers.find((l) => l.layer === 'conv1')!.splitTest!.branches;
      expect(rows).toEqual(branches.map((b) => [b.name, `${b.start}–${b.end - 1}`, b.medianColorIndex.toFixed(2), b.medianFrequency.toFixed(3)]));
      expect(rows).toHaveLength(2);
      expect(Math.abs(branches[0]!.medianColorIndex - branches[1]!.medianColorIndex)).toBeGreaterThan(0.1);
      const verdicts = conv1.locator('.specialization-verdicts');
      expect(await verdicts.getAttribute('data-color-verdict')).toBe('SPLIT');
      expect(await verdicts.innerText()).toMatch(/^By colour: split \(SPLIT\)\./);
      expect(await conv1.locator('table[data-table="pairs"] tbody tr td[data-verdict-of="color"]').allInnerTexts()).toEqual(['split']);
      expect(await conv1.innerText()).toMatch(/adjusted over all pairs, is below [\d.e-]+ and their medians are at least [\d.]+ apart in colour index/);
    });

    it('tabulates the uncentred and centred vectors 0 and 1 of |W(conv1 → next)|', async () => {
      const conv1 = page.locator('section.specialization-layer[data-layer="conv1"]');
      expect(await conv1.locator('table[data-table="factors"] tbody th').allInnerTexts()).toEqual(['uncentred 0', 'uncentred 1', 'centred 0', 'centred 1']);
      const api = report.layers.find((l) => l.layer === 'conv1')!;
      expect(await conv1.locator('[data-next]').first().innerText()).toBe(api.next);
      const spearman = await conv1.locator('table[data-table="factors"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.children[3] as HTMLElement).innerText));
      expect(spearman).toEqual(api.factors!.map((f) => f.colorSpearman.toFixed(2).replace(/^-/, '−')));
    });

    it('offers the whole report as Markdown to copy', async () => {
      expect(await page.locator('.specialization-markdown pre').textContent()).toBe(report.markdown);
      expect(report.markdown).toMatch(/^# Specialization report/);
    });

    it('matches its golden and has no serious accessibility violation', async () => {
      expect(await seriousAxeViolations(page)).toEqual([]);
      const shot = await screenshot(page);
      writeFileSync(path.join(shots, 'specialization-report.png'), shot);
      if (UPDATING) {
        mkdirSync(path.dirname(GOLDEN), { recursive: true });
        writeFileSync(GOLDEN, shot);
        return;
      }
      if (!existsSync(GOLDEN)) throw new Error(`no golden at tests/e2e/goldens/specialization-report.png; the page drew ${shots}/specialization-report.png`);
      const result = comparePng(shot, readFileSync(GOLDEN));
      if (!result.matches && result.diffPng) writeFileSync(path.join(shots, 'specialization-report.diff.png'), result.diffPng);
      expect(result.problem, `see ${shots}/specialization-report.{png,diff.png}`).toBe('');
    });

    it("asks another layer through the page's form (?layer=)", async () => {
      await page.locator('#layer-name').fill('conv2');
      await Promise.all([page.waitForURL(/\?layer=conv2$/, { timeout: 60_000 }), page.getByRole('button', { name: 'Report' }).click()]);
      await page.locator('section.specialization-layer[data-layer="conv2"]').waitFor({ timeout: 240_000 });
      expect(await page.locator('section.specialization-layer').evaluateAll((s) => s.map((e) => e.getAttribute('data-layer')))).toEqual(['conv2']);
      expect(await page.locator('section.specialization-layer').innerText()).toContain('asked for');
    });
  });

  it('tells over the seeded-random AlexNet that its weights were never trained, linking to real reports', async () => {
    await openReport(page, `${system.portalUrl}/specialization/alexnet`);
    await page.screenshot({ path: path.join(shots, 'alexnet.png'), fullPage: true });
    const notice = page.locator('aside[data-weights-kind="SEEDED_RANDOM"]');
    expect(await notice.innerText()).toMatch(/Random weights \(seed \d+\), never trained\./);
    expect(await notice.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toContain(`/specialization/${DEMO}`);
    expect(await page.locator('.specialization-weights').innerText()).toMatch(/seeded random/);
  });

  it('says plainly when a layer has no branches (the unbranched control), the distribution and factors still shown', async () => {
    await openReport(page, `${system.portalUrl}/specialization/demo-small-alexnet-1b`);
    const layers = page.locator('section.specialization-layer');
    expect(await layers.count()).toBeGreaterThanOrEqual(1);
    const first = layers.first();
    const stored = await storedReport(system.apiUrl, 'demo-small-alexnet-1b');
    expect(stored.layers[0]!.noBranches).toBeTruthy();
    expect(await first.locator('[data-branches="none"]').innerText()).toContain(stored.layers[0]!.noBranches!.slice(1));
    expect(await first.locator('table[data-table="pairs"]').count()).toBe(0);
    expect(await first.locator('svg.bs-color-index-histogram').count()).toBe(1);
    expect(await first.locator('table[data-table="factors"] tbody tr').count()).toBe(4);
  });

  it('reports an imported model the same way, its weights said to be imported', async () => {
    const job = await importAndWait(system.apiUrl, { name: 'Imported small AlexNet', format: 'ONNX', base64: Buffer.from(smallAlexnetOnnx()).toString('base64') });
    expect(job.status).toBe('SUCCEEDED');
    await openReport(page, `${system.portalUrl}/specialization/${encodeURIComponent(job.model!.id)}`);
    expect(await page.locator('.specialization-weights').getAttribute('data-weights-kind')).toBe('IMPORTED');
    expect(await page.locator('aside[data-weights-kind="SEEDED_RANDOM"]').count()).toBe(0);
    expect(await page.locator('section.specialization-layer svg.bs-color-index-histogram').count()).toBeGreaterThanOrEqual(1);
  });

  it('names a layer the model does not have in an error panel, and the service keeps answering', async () => {
    const response = await page.goto(`${system.portalUrl}/specialization/${DEMO}?layer=nope`);
    expect(response?.status()).toBe(200);
    const panel = page.locator('.bs-error-panel');
    await panel.waitFor({ timeout: 60_000 });
    expect(await panel.getAttribute('data-error-code')).toBe('BAD_USER_INPUT');
    expect(await panel.innerText()).toContain("'nope'");
    expect(await page.locator('#layer-name').inputValue()).toBe('nope');
    await page.screenshot({ path: path.join(shots, 'bad-layer.png'), fullPage: true });
    const { data } = await postGraphql<ModelsQueryResult>(system.apiUrl, operationText(ModelsQuery));
    expect(data?.models.map((m) => m.id)).toContain(DEMO);
    await openReport(page, `${system.portalUrl}/specialization/${DEMO}`);
  });

  it('names an unknown model id in an error panel, not a server error', async () => {
    const response = await page.goto(`${system.portalUrl}/specialization/no-such-model`);
    expect(response?.status()).toBe(200);
    const panel = page.locator('.bs-error-panel');
    await panel.waitFor({ timeout: 60_000 });
    expect(await panel.getAttribute('data-error-code')).toBe('NOT_FOUND');
    expect(await panel.innerText()).toContain("'no-such-model'");
    await page.screenshot({ path: path.join(shots, 'unknown-model.png'), fullPage: true });
  });

  it('loaded every page without a failed request or a page error', () => {
    expect(failures).toEqual([]);
  });
});
