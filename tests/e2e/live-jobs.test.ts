import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads `read()` every 100 ms until `done()` says stop, returning every distinct value seen, in order. */
async function watch<T>(read: () => Promise<T>, done: (seen: T[]) => boolean, timeoutMs: number): Promise<T[]> {
  const seen: T[] = [];
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await read();
    if (seen.at(-1) !== value) seen.push(value);
    if (done(seen)) return seen;
    await sleep(100);
  }
  throw new Error(`gave up after ${timeoutMs} ms; saw ${JSON.stringify(seen)}`);
}

describe('live jobs through the portal: a zone follows its render, /jobs cancels, /import uploads', () => {
  let system: RunningSystem;
  let browser: Browser;
  let dir: string;
  /** Each page's failed requests and page errors. */
  const failures: string[][] = [];

  const open = async (): Promise<Page> => {
    const watched = await openWatchedPage(browser);
    failures.push(watched.failures);
    return watched.page;
  };

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-live-jobs-'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the AlexNet zone follows its render over the /graphql WebSocket and fills in the images without a reload or polling', async () => {
    const page = await open();
    const sockets: string[] = [];
    const requests: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${system.portalUrl}/alexnet?model=small-alexnet-2b`);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.locator('.render-progress[data-job-kind="render-features"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.feature-columns[data-feature-state="pending"]').count()).toBe(1);

    // The progress the line shows, read until the images have replaced it.
    const seen = await watch(
      // Read in one go in the page: the line can leave between two separate reads.
      () =>
        page.evaluate(() => {
          const element = document.querySelector('.render-progress[data-job-kind="render-features"]');
          return element ? `${element.getAttribute('data-job-status')} ${element.getAttribute('data-job-progress')}` : 'gone';
        }),
      (values) => values.at(-1) === 'gone',
      240_000,
    );
    const running = seen.filter((value) => value.startsWith('RUNNING '));
    console.log(`zone render followed live: ${seen.length} states seen, ${running.length} while running`);
    expect(running.length).toBeGreaterThanOrEqual(2);
    await page.locator('.feature-columns[data-feature-state="ready"] img').first().waitFor({ timeout: 30_000 });

    // The same document all along: router.refresh() re-rendered the sections, nothing navigated.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const portalSocket = `${system.portalUrl.replace(/^http/, 'ws')}/graphql`;
    expect(sockets).toContain(portalSocket);
    expect(requests.filter((url) => url.includes('/api/render-state'))).toEqual([]);
    await page.close();
  }, 300_000);

  it('/jobs shows a running render live, with its model, and cancels it', async () => {
    const render = `{ featureImages(modelId: "small-alexnet-2b", layer: "conv2", units: [0, 1, 2, 3, 4, 5, 6, 7], steps: 2048, size: 32, seed: 77) { job { id status } } }`;
    const { featureImages } = await queryData<{ featureImages: { job: { id: string; status: string } } }>(system.apiUrl, render);
    const id = featureImages.job.id;
    const page = await open();
    await page.goto(`${system.portalUrl}/jobs`);
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-job-kind')).toBe('render-features');
    expect(await row.locator('td').nth(1).innerText()).toBe('small-alexnet-2b');

    // Progress rises on the page without a reload: two different running values.
    const seen = await watch(
      async () => `${await row.getAttribute('data-job-status')} ${await row.getAttribute('data-job-progress')}`,
      (values) => values.filter((value) => value.startsWith('RUNNING ') && value !== 'RUNNING 0').length >= 2,
      120_000,
    );
    console.log(`jobs page followed the render: ${seen.join(', ')}`);

    await row.getByRole('button', { name: /^Cancel job/ }).click();
    await page.locator(`tr[data-job-id="${id}"][data-job-status="CANCELLED"]`).waitFor({ timeout: 15_000 });
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await row.innerText()).toContain('cancelled through the API (cancelJob)');
    const { job } = await queryData<{ job: { status: string } }>(system.apiUrl, 'query ($id: ID!) { job(id: $id) { status } }', { id });
    expect(job.status).toBe('CANCELLED');
    await page.close();
  }, 240_000);

  it('/import uploads an ONNX file with a progress bar, follows its import and links the model to its views', async () => {
    const file = path.join(dir, 'small-alexnet.onnx');
    writeFileSync(file, Buffer.from(smallAlexnetOnnx()));
    const page = await open();
    // Record every upload step the form shows, however briefly.
    await page.addInitScript(() => {
      const steps: string[] = [];
      (window as unknown as { __uploadSteps: string[] }).__uploadSteps = steps;
      new MutationObserver(() => {
        const step = document.querySelector('[data-upload-step]')?.getAttribute('data-upload-step');
        if (step && steps.at(-1) !== step) steps.push(step);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(`${system.portalUrl}/import`);
    const { catalogue } = await queryData<{ catalogue: { id: string }[] }>(system.apiUrl, '{ catalogue { id } }');
    expect(await page.locator('tr[data-catalogue-id]').count()).toBe(catalogue.length);

    await page.locator('input[name="file"]').setInputFiles(file);
    await page.locator('input[name="name"]').fill('Uploaded small AlexNet');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.locator('.job-outcome[data-job-status="SUCCEEDED"] [data-model-id]');
    await outcome.waitFor({ timeout: 120_000 });
    const modelId = await outcome.getAttribute('data-model-id');
    expect(modelId).toContain('uploaded-small-alexnet');
    expect(await page.evaluate(() => (window as unknown as { __uploadSteps: string[] }).__uploadSteps)).toEqual(['reading', 'uploading']);
    const link = page.getByRole('link', { name: 'AlexNet view' });
    expect(await link.getAttribute('href')).toBe(`/alexnet?model=${modelId}`);
    const { model } = await queryData<{ model: { id: string; source: { format: string } } | null }>(
      system.apiUrl,
      'query ($id: ID!) { model(id: $id) { id source { format } } }',
      { id: modelId },
    );
    expect(model).toEqual({ id: modelId, source: { format: 'ONNX' } });
    await page.close();
  }, 240_000);

  it('loaded every page through the portal without a failed request or page error', () => {
    expect(failures.flat()).toEqual([]);
  });
});
