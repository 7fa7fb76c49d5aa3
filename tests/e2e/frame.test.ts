import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@branchscope/store/testing';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { seriousAxeViolations } from './axe';
import type { AxeViolation } from './axe';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';
import { PAGE_VIEWS, RESNET_BLOCK, openView, volatileParts } from './page-views';
import type { PageView } from './page-views';
import { comparePng } from './png-compare';

const GOLDENS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'goldens');
/** `npm run goldens` sets it: write the screenshots as the new goldens instead of comparing. */
const UPDATING = process.env.BRANCHSCOPE_UPDATE_GOLDENS === '1';

/** What one visit of a view recorded, for the tests below to check. */
interface Visit {
  view: PageView;
  screenshot: Buffer;
  axe: AxeViolation[];
  headerCount: number;
  /** The header's links: [href, label, current]. */
  headerLinks: [string, string, boolean][];
  /** The picker's select value, or null without a picker. */
  pickedModel: string | null;
  /** Each "Copy embed code" snippet on the page, with this origin filled in. */
  snippets: string[];
  robots: string | null;
  /** The `data-error-code` of each error panel on the page. */
  errorCodes: string[];
  forms: number;
}

/** The screenshot every golden is taken with: the whole page, animations stopped, no caret, job ids and times masked. */
function screenshot(page: Page): Promise<Buffer> {
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css', mask: volatileParts(page), maskColor: '#c8c8c8' });
}

async function visit(page: Page, baseUrl: string, view: PageView): Promise<Visit> {
  await openView(page, baseUrl, view);
  if (!view.embed) {
    // The snippet's origin is filled in once the page hydrates.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.bs-embed-code textarea')).every((t) => (t as HTMLTextAreaElement).value.includes('://')), null, {
      timeout: 30_000,
    });
  }
  const shot = await screenshot(page);
  const facts = await page.evaluate(() => ({
    headerCount: document.querySelectorAll('header.site-header').length,
    headerLinks: Array.from(document.querySelectorAll('header.site-header nav[aria-label="Views"] a')).map(
      (a) => [a.getAttribute('href') ?? '', a.textContent ?? '', a.getAttribute('aria-current') === 'page'] as [string, string, boolean],
    ),
    pickedModel: (document.querySelector('form.bs-model-picker select[name="model"]') as HTMLSelectElement | null)?.value ?? null,
    snippets: Array.from(document.querySelectorAll('.bs-embed-code textarea')).map((t) => (t as HTMLTextAreaElement).value),
    robots: document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? null,
    errorCodes: Array.from(document.querySelectorAll('.bs-error-panel')).map((panel) => panel.getAttribute('data-error-code') ?? ''),
    forms: document.querySelectorAll('form, input, select, textarea, button').length,
  }));
  return { view, screenshot: shot, axe: await seriousAxeViolations(page), ...facts };
}

/** Compares a screenshot with its golden (or writes it, when updating); returns the problem, or '' when it matches. */
function checkGolden(name: string, shot: Buffer, out: string): string {
  const golden = path.join(GOLDENS, `${name}.png`);
  if (UPDATING) {
    mkdirSync(GOLDENS, { recursive: true });
    writeFileSync(golden, shot);
    return '';
  }
  if (!existsSync(golden)) {
    writeFileSync(path.join(out, `${name}.actual.png`), shot);
    return `${name}: no golden at tests/e2e/goldens/${name}.png; the page drew ${out}/${name}.actual.png (write the goldens with \`npm run goldens\`)`;
  }
  const result = comparePng(shot, readFileSync(golden));
  console.log(`golden ${name}: ${Number.isNaN(result.diffPixels) ? 'size differs' : `${result.diffPixels} pixels differ`}`);
  if (result.matches) return '';
  writeFileSync(path.join(out, `${name}.actual.png`), shot);
  if (result.diffPng) writeFileSync(path.join(out, `${name}.diff.png`), result.diffPng);
  return `${name}: ${result.problem}; see ${out}/${name}.{actual,diff}.png (if the change is meant, \`npm run goldens\`)`;
}

describe('the frame, embeds, accessibility and goldens of every view (one started system)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  let out: string;
  let noDatasets: string;
  const visits = new Map<string, Visit>();

  beforeAll(async () => {
    // An empty dataset folder: the neuron pages show no dataset examples on every machine, whatever data/datasets holds.
    noDatasets = mkdtempSync(path.join(tmpdir(), 'branchscope-no-datasets-'));
    system = await startSystem({ env: { BRANCHSCOPE_DATASET_DIRS: noDatasets } });
    browser = await launchChromium();
    out = mkdtempSync(path.join(tmpdir(), 'branchscope-goldens-'));
    ({ page, failures } = await openWatchedPage(browser));
    for (const view of PAGE_VIEWS) visits.set(view.name, await visit(page, system.portalUrl, view));
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (noDatasets) rmSync(noDatasets, { recursive: true, force: true });
  });

  describe('one frame', () => {
    it('gives every full view one header linking the portal, every zone, jobs and import, its own section marked (none on a neuron page)', () => {
      const labels = { models: 'Models', alexnet: 'AlexNet', inception: 'InceptionV1 5x5', resnet: 'ResNet blocks', jobs: 'Jobs', import: 'Import' };
      for (const visit of [...visits.values()].filter((v) => !v.view.embed)) {
        expect(visit.headerCount, visit.view.name).toBe(1);
        expect(visit.headerLinks.map(([href]) => href), visit.view.name).toEqual(['/', '/alexnet', '/inception', '/resnet', '/jobs', '/import']);
        expect(visit.headerLinks.filter(([, , current]) => current).map(([, label]) => label), visit.view.name).toEqual(
          visit.view.section ? [labels[visit.view.section]] : [],
        );
      }
      expect(visits.get('neuron')?.view.section).toBeUndefined();
    });

    it('gives every zone the same model picker, showing the model on the page', () => {
      expect(visits.get('alexnet')?.pickedModel).toBe('small-alexnet-2b');
      expect(visits.get('inception')?.pickedModel).toBe('inceptionv1');
      expect(visits.get('resnet')?.pickedModel).toBe('resnet50-v1');
      expect(visits.get('portal')?.pickedModel).toBeNull();
    });

    it('draws embeds with no header, no forms, noindex', () => {
      for (const visit of [...visits.values()].filter((v) => v.view.embed)) {
        expect([visit.view.name, visit.headerCount, visit.forms, visit.robots]).toEqual([visit.view.name, 0, 0, 'noindex, nofollow']);
      }
    });

    it('shows no error panel on any view and loads everything without an error', () => {
      expect([...visits.values()].filter((v) => !v.view.showsError && v.errorCodes.length > 0).map((v) => v.view.name)).toEqual([]);
      expect(failures).toEqual([]);
    });

    it('names a bad model in one error panel with its code, in a full view and in an embed alike', () => {
      const shown = [...visits.values()].filter((v) => v.view.showsError).map((v) => [v.view.name, v.errorCodes]);
      expect(shown).toEqual([
        ['resnet-unknown-model', ['BAD_USER_INPUT']],
        ['alexnet-embed-unknown-model', ['NOT_FOUND']],
      ]);
    });
  });

  describe('embeds', () => {
    let server: Server;
    let host: Page;
    let snippets: string[];

    beforeAll(async () => {
      snippets = [...visits.values()].flatMap((v) => v.snippets);
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>branchscope embeds</title></head><body><main><h1>Every branchscope embed</h1>${snippets
        .map((snippet) => `<section>${snippet}</section>`)
        .join('\n')}</main></body></html>`;
      server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
      const port = await freePort();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      host = await browser.context.newPage();
      await host.goto(`http://127.0.0.1:${port}/`);
    }, 120_000);

    afterAll(async () => {
      await host?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('offers "Copy embed code" on every full view, pointing at its embed with the view\'s model', () => {
      const byView = Object.fromEntries([...visits.values()].filter((v) => !v.view.embed).map((v) => [v.view.name, v.snippets.map((s) => s.match(/src="([^"]*)"/)?.[1] ?? '')]));
      const origin = system.portalUrl;
      const { model, block, layer, unit } = RESNET_BLOCK;
      expect(byView).toEqual({
        jobs: [],
        alexnet: [`${origin}/alexnet/embed/weights?model=small-alexnet-2b`, `${origin}/alexnet/embed/scatter?model=small-alexnet-2b`],
        inception: [`${origin}/inception/embed/enrichment?layer=mixed3a&amp;labelSet=published%3Ainceptionv1-5x5`],
        resnet: [`${origin}/resnet/embed/blocks?model=resnet50-v1`],
        'resnet-block': [`${origin}/resnet/embed/blocks/${block}?model=${model}`],
        neuron: [`${origin}/embed/neurons/${model}/${layer}/${unit}`],
        import: [],
        'resnet-unknown-model': [],
        portal: [],
      });
    });

    it('copies the snippet to the clipboard', async () => {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.portalUrl });
      await openView(page, system.portalUrl, PAGE_VIEWS.find((v) => v.name === 'resnet') as PageView);
      await page.getByRole('button', { name: /Copy embed code/ }).click();
      await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(visits.get('resnet')?.snippets[0]);
    });

    it('renders every embed inside an iframe of a static page on another origin, none with an error panel', async () => {
      const frames = host.locator('iframe');
      expect(await frames.count()).toBe(snippets.length);
      const seen: [string, string][] = [];
      for (let i = 0; i < snippets.length; i++) {
        const element = frames.nth(i);
        await element.scrollIntoViewIfNeeded();
        const src = (await element.getAttribute('src')) ?? '';
        const frame = await (await element.elementHandle())?.contentFrame();
        if (!frame) throw new Error(`no frame for ${src}`);
        // Each embed's own content: filters, points, the enrichment table, the residual blocks, a block's unit images or
        // a neuron's feature visualization.
        await frame.waitForSelector(
          'main.embed[data-embed] :is(.weight-columns img, circle[data-unit], td[data-p], g[data-block], .block-unit-grid img, [data-fv-status="READY"] img)',
          { timeout: 120_000 },
        );
        seen.push([new URL(src).pathname, String(await frame.locator('.bs-error-panel').count())]);
      }
      expect(seen).toEqual([
        ['/alexnet/embed/weights', '0'],
        ['/alexnet/embed/scatter', '0'],
        ['/inception/embed/enrichment', '0'],
        ['/resnet/embed/blocks', '0'],
        [`/resnet/embed/blocks/${RESNET_BLOCK.block}`, '0'],
        [`/embed/neurons/${RESNET_BLOCK.model}/${RESNET_BLOCK.layer}/${RESNET_BLOCK.unit}`, '0'],
      ]);
      expect(await seriousAxeViolations(host)).toEqual([]);
    });
  });

  describe('accessibility (axe-core)', () => {
    it('sees a violation where there is one (an image without alt text, a button without a name)', async () => {
      const bad = await browser.context.newPage();
      await bad.setContent('<!doctype html><html lang="en"><head><title>bad</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>');
      expect((await seriousAxeViolations(bad)).map((v) => v.id).sort()).toEqual(['button-name', 'image-alt']);
      await bad.close();
    });

    it('finds no serious or critical violation on any view or embed', () => {
      const found = [...visits.values()].flatMap((v) => v.axe.map((violation) => ({ view: v.view.name, ...violation })));
      expect(found).toEqual([]);
    });

    it('checks the jobs and import pages too (each a view above: a 404 fails its visit)', () => {
      expect(['jobs', 'import'].map((name) => visits.get(name)?.view.path)).toEqual(['/jobs', '/import']);
    });
  });

  describe('visual regression against tests/e2e/goldens', () => {
    it(UPDATING ? 'writes every view as its new golden' : 'draws every view as its golden, within the pixel tolerance', () => {
      const problems = [...visits.values()].map((v) => checkGolden(v.view.name, v.screenshot, out)).filter((p) => p !== '');
      expect(problems).toEqual([]);
      if (UPDATING) console.log(`goldens written: ${[...visits.keys()].map((n) => `tests/e2e/goldens/${n}.png`).join(', ')}`);
    });

    describe('fails when the page changes', () => {
      const scatter = PAGE_VIEWS.find((v) => v.name === 'alexnet-embed-scatter') as PageView;
      const golden = () => readFileSync(path.join(GOLDENS, `${scatter.name}.png`));

      it('fails when an axis moves by 3 pixels', async () => {
        await openView(page, system.portalUrl, scatter);
        await page.locator('g.bs-axis-x').evaluate((axis) => axis.setAttribute('transform', `${axis.getAttribute('transform') ?? ''} translate(3, 0)`));
        const result = comparePng(await screenshot(page), golden());
        expect(result.matches).toBe(false);
        console.log(`moved x axis: ${result.problem}`);
      });

      it('fails when the legend is lost', async () => {
        await openView(page, system.portalUrl, scatter);
        await page.locator('g.bs-legend').evaluate((legend) => legend.remove());
        const result = comparePng(await screenshot(page), golden());
        expect(result.matches).toBe(false);
        console.log(`lost legend: ${result.problem}`);
      });

      it('still matches when nothing changed (the same page, opened again)', async () => {
        await openView(page, system.portalUrl, scatter);
        const result = comparePng(await screenshot(page), golden());
        expect(result.problem).toBe('');
      });
    });
  });
});
