import type { Locator, Page } from 'playwright-core';

/** A page the frame, accessibility and visual regression tests visit, at the portal's origin. */
export interface PageView {
  /** The golden's file name (`goldens/<name>.png`) and the name failures print. */
  name: string;
  path: string;
  /** The site section the header marks as current; absent for embeds, which have no header. */
  section?: 'models' | 'alexnet' | 'inception' | 'resnet' | 'jobs' | 'import';
  embed: boolean;
  /** The `data-error-code` of the one error panel the page must show, for pages that show the error convention. */
  showsError?: string;
  /** Resolves once everything the page will show is drawn: data, images, streamed sections. */
  ready: (page: Page) => Promise<void>;
}

/**
 * What differs on every run however fixed the seeds: the ids and times of the jobs that computed a result, named in
 * provenance lines, and the jobs page's rows (which job started first, on which worker). Screenshots paint these
 * boxes over (their size stays, so a moved line or another row count still shows).
 */
export function volatileParts(page: Page): Locator[] {
  return [page.locator('.provenance').filter({ hasText: /\bjob\b/ }), page.locator('time'), page.locator('table.jobs tbody')];
}

/**
 * The ResNet-view model, block and neuron of the block and neuron pages: a block of the small seeded ResNet's first stage, whose
 * 16 inner units (`stage1_unit2_conv2`) render quickly; the block page's render stores the neuron's image too.
 */
export const RESNET_BLOCK = { model: 'small-resnet-residual', block: 'stage1_unit2', layer: 'stage1_unit2_conv2', unit: 3 } as const;

/** Resolves once no job is followed on the page any more (each job box, `JobProgress`, gone). */
const noJobShown = (page: Page) => page.locator('.bs-job-progress').first().waitFor({ state: 'detached', timeout: 240_000 });

/** The AlexNet-view model these tests use: branched (a legend, two columns), seeded, small enough to render fast. */
export const ALEXNET_MODEL = 'small-alexnet-2b';

const imagesLoaded = (page: Page, selector: string) =>
  page.waitForFunction(
    (s) => Array.from(document.querySelectorAll(s)).every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
    selector,
    { timeout: 120_000 },
  );

/** Every full view and every embed, each on a fixed model (all seeded or committed), so their pixels repeat. */
export const PAGE_VIEWS: readonly PageView[] = [
  {
    // First, before any view asks for a result: the jobs the system's start queued, if any.
    name: 'jobs',
    path: '/jobs',
    section: 'jobs',
    embed: false,
    ready: async (page) => {
      await page.locator('h1').filter({ hasText: 'Jobs' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Refresh the list' }).waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'alexnet',
    path: `/alexnet?model=${ALEXNET_MODEL}`,
    section: 'alexnet',
    embed: false,
    ready: async (page) => {
      await page.locator('circle[data-unit]').first().waitFor({ timeout: 240_000 });
      // The feature render runs on the worker: the section streams in as images once it is stored.
      await page.locator('.feature-columns[data-feature-state="ready"] img').first().waitFor({ timeout: 240_000 });
      await page.locator('.render-progress').waitFor({ state: 'detached', timeout: 30_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'alexnet-embed-weights',
    path: `/alexnet/embed/weights?model=${ALEXNET_MODEL}`,
    embed: true,
    ready: async (page) => {
      await page.locator('.weight-columns img').first().waitFor({ timeout: 120_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'alexnet-embed-scatter',
    path: `/alexnet/embed/scatter?model=${ALEXNET_MODEL}`,
    embed: true,
    ready: async (page) => {
      await page.locator('circle[data-unit]').first().waitFor({ timeout: 120_000 });
    },
  },
  {
    name: 'inception',
    path: '/inception/mixed3a',
    section: 'inception',
    embed: false,
    ready: async (page) => {
      await page.locator('td[data-p]').first().waitFor({ timeout: 120_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'inception-embed-enrichment',
    path: '/inception/embed/enrichment?layer=mixed3a',
    embed: true,
    ready: async (page) => {
      await page.locator('td[data-p]').first().waitFor({ timeout: 120_000 });
    },
  },
  {
    name: 'resnet',
    path: '/resnet?model=resnet50-v1',
    section: 'resnet',
    embed: false,
    ready: async (page) => {
      await page.locator('svg g[data-block]').first().waitFor({ timeout: 120_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'resnet-embed-blocks',
    path: '/resnet/embed/blocks?model=resnet50-v1',
    embed: true,
    ready: async (page) => {
      await page.locator('svg g[data-block]').first().waitFor({ timeout: 120_000 });
    },
  },
  {
    name: 'resnet-block',
    path: `/resnet/blocks/${RESNET_BLOCK.block}?model=${RESNET_BLOCK.model}`,
    section: 'resnet',
    embed: false,
    ready: async (page) => {
      // The block's units are rendered on first visit and its n-cut computed: both followed live until stored.
      await page.locator('.block-unit-grid[data-image-state="stored"]').waitFor({ timeout: 300_000 });
      await page.locator('[data-clusterability="computed"]').waitFor({ timeout: 240_000 });
      await noJobShown(page);
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'resnet-embed-block',
    path: `/resnet/embed/blocks/${RESNET_BLOCK.block}?model=${RESNET_BLOCK.model}`,
    embed: true,
    ready: async (page) => {
      await page.locator('.block-unit-grid[data-image-state="stored"]').waitFor({ timeout: 120_000 });
      await page.locator('[data-clusterability="computed"]').waitFor({ timeout: 120_000 });
      await noJobShown(page);
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'neuron',
    path: `/neurons/${RESNET_BLOCK.model}/${RESNET_BLOCK.layer}/${RESNET_BLOCK.unit}`,
    embed: false,
    ready: async (page) => {
      // Stored by the block page's render; the system registers no dataset, so its examples say so.
      await page.locator('[data-fv-status="READY"] img').waitFor({ timeout: 120_000 });
      await page.locator('[data-dataset-examples="no-dataset"]').waitFor({ timeout: 60_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'neuron-embed',
    path: `/embed/neurons/${RESNET_BLOCK.model}/${RESNET_BLOCK.layer}/${RESNET_BLOCK.unit}`,
    embed: true,
    ready: async (page) => {
      await page.locator('[data-fv-status="READY"] img').waitFor({ timeout: 120_000 });
      await page.locator('[data-dataset-examples="no-dataset"]').waitFor({ timeout: 60_000 });
      await imagesLoaded(page, 'img');
    },
  },
  {
    name: 'import',
    path: '/import',
    section: 'import',
    embed: false,
    ready: async (page) => {
      await page.locator('form').first().waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'resnet-unknown-model',
    path: '/resnet?model=no-such-model',
    section: 'resnet',
    embed: false,
    showsError: 'BAD_USER_INPUT',
    ready: async (page) => {
      await page.locator('.bs-error-panel').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'alexnet-embed-unknown-model',
    path: '/alexnet/embed/scatter?model=no-such-model',
    embed: true,
    showsError: 'NOT_FOUND',
    ready: async (page) => {
      await page.locator('.bs-error-panel').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'portal',
    path: '/',
    section: 'models',
    embed: false,
    ready: async (page) => {
      await page.locator('tr[data-model]').first().waitFor({ timeout: 60_000 });
    },
  },
];

/** Opens `view` and waits until it is fully drawn and nothing moves: fonts loaded, no caret, no animation. */
export async function openView(page: Page, baseUrl: string, view: PageView): Promise<void> {
  const response = await page.goto(`${baseUrl}${view.path}`);
  if (!response || response.status() >= 400) throw new Error(`${view.name}: GET ${view.path} answered ${response?.status() ?? 'nothing'}`);
  try {
    await view.ready(page);
  } catch (error) {
    if (view.showsError) throw error;
    // Say what the page showed instead: an error panel names the failing query.
    const panels = await page.locator('.bs-error-panel').allInnerTexts();
    throw new Error(`${view.name} (${view.path}) did not finish drawing${panels.length > 0 ? `; it shows: ${panels.join(' | ')}` : ''}: ${String(error)}`);
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
