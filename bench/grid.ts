/**
 * Time until a grid of ~500 neurons with stored feature images is fully visible in Chromium on localhost: the
 * InceptionV1 view of mixed4a (512 units, the largest layer the view draws) on a temp database seeded with one PNG per
 * unit, written straight into the store under the keys the API reads (the images are seeded, not rendered: rendering
 * 512 InceptionV1 units takes hours on a CPU). Each run opens the page in a fresh Chromium context (empty cache) and
 * takes two times from navigation start: until the grid's cells are in the page (the baseline, the grid as
 * structure) and until every cell's image has loaded and decoded (the figure asked for: goal under 1 s). The viewport
 * is 6000 px tall, so no lazy image waits for a scroll. Each run opens the grid as drawn (its stored images from one
 * atlas PNG, `/artifacts/atlas/<model>/<layer>.png`) and, as the baseline, the old path (`?atlas=off`: one request per
 * image through the portal's proxy). Prints the medians of `--runs` runs (default 5) of both.
 *
 *   npx tsx bench/grid.ts [--runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { featureImageKey, FEATURE_IMAGE_ARTIFACT, FEATURE_RENDER_VERSION } from '@branchscope/jobs';
import { getModel, modelDigest, openStore, putArtifact } from '@branchscope/store';
import { PNG } from 'pngjs';
import { launchChromium } from '@branchscope/tests/e2e/chromium';
import { startSystem } from '@branchscope/tests/support/system';

const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('bench/grid: --runs must be a positive integer');
const MODEL = 'inceptionv1';
// mixed4a: 512 units, the largest layer the Inception view draws (mixed3a 256, mixed3b 480).
const LAYER = 'mixed4a';

/** A 128 x 128 PNG with a seeded colour pattern per unit, so every image is distinct (as real renders are). */
function seededPng(unit: number, size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  let state = (unit + 1) * 2654435761;
  const next = () => ((state = (state * 1103515245 + 12345) >>> 0) & 0xff);
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = next();
    png.data[i * 4 + 1] = next();
    png.data[i * 4 + 2] = next();
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-grid-'));
const dbPath = path.join(dir, 'b.db');
const system = await startSystem({ dbPath });
try {
  // The parameters and backend the grid asks for: the API's defaults, read from one neuron.
  const response = await fetch(system.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ neuron(modelId: "${MODEL}", layer: "${LAYER}", unit: 0) { featureVisualization { steps size seed backend } } neurons(modelId: "${MODEL}", layer: "${LAYER}", first: 1) { totalCount } }` }),
  });
  const body = (await response.json()) as { data?: { neuron: { featureVisualization: { steps: number; size: number; seed: number; backend: string } }; neurons: { totalCount: number } }; errors?: unknown };
  if (!body.data) throw new Error(`bench/grid: the API did not answer the neuron query: ${JSON.stringify(body.errors)}`);
  const params = body.data.neuron.featureVisualization;
  const UNITS = body.data.neurons.totalCount;
  const store = openStore(dbPath);
  const model = await getModel(store, MODEL);
  if (!model) throw new Error(`bench/grid: the temp database has no model '${MODEL}'`);
  const digest = modelDigest(model);
  const channels = model.graph.inputShape[0]!;
  for (let unit = 0; unit < UNITS; unit++) {
    const p = { modelDigest: digest, layer: LAYER, unit, steps: params.steps, size: params.size, seed: params.seed, backend: params.backend, channels };
    const meta = { ...p, modelId: MODEL, renderVersion: FEATURE_RENDER_VERSION, height: params.size, width: params.size, trace: [0, 1], descriptor: { colorIndex: 0.5, frequency: 0.1, orientation: 0 }, batchUnits: [unit] };
    await putArtifact(store, { key: featureImageKey(p), kind: FEATURE_IMAGE_ARTIFACT, modelId: model.id, mediaType: 'image/png', bytes: seededPng(unit, params.size), meta, jobId: null });
  }
  store.close?.();
  console.log(`seeded ${UNITS} feature images of ${MODEL} ${LAYER} (${params.size} px, backend ${params.backend}) into ${dbPath}`);

  const base = `${system.portalUrl}/inception/${LAYER}?model=${MODEL}`;
  // The grid as it is drawn (one atlas image for its stored images) and the old path (one request per image).
  const paths = [
    { name: 'one atlas image per grid', url: base, cells: [] as number[], images: [] as number[] },
    { name: 'one request per image (?atlas=off)', url: `${base}&atlas=off`, cells: [] as number[], images: [] as number[] },
  ];
  const browser = await launchChromium();
  try {
    for (let run = 0; run <= RUNS; run++) {
      for (const p of paths) {
        const context = await browser.context.browser()?.newContext({ viewport: { width: 1100, height: 6000 } });
        const page = context ? await context.newPage() : await browser.context.newPage();
        if (!context) await page.setViewportSize({ width: 1100, height: 6000 });
        await page.addInitScript(() => performance.setResourceTimingBufferSize(5000));
        const started = performance.now();
        let atlasMs: number | null = null;
        page.on('response', (r) => {
          if (run === 0 && atlasMs === null && r.url().includes('/artifacts/atlas/')) atlasMs = performance.now() - started;
        });
        await page.goto(p.url, { waitUntil: 'commit' });
        await page.waitForFunction((n) => document.querySelectorAll('li[data-unit]').length >= n, UNITS, { timeout: 60_000, polling: 'raf' });
        const cells = await page.evaluate(() => performance.now());
        await page.waitForFunction(
          (n) => {
            const imgs = Array.from(document.querySelectorAll('li[data-image-state="stored"] img')) as HTMLImageElement[];
            return imgs.length >= n && imgs.every((i) => i.complete && i.naturalWidth > 0);
          },
          UNITS,
          { timeout: 120_000, polling: 'raf' },
        );
        const images = await page.evaluate(() => performance.now());
        const requests = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/artifacts/')).length);
        // The first run warms the zone servers' code paths and builds the atlas once (the API keeps it by content); it is not counted.
        if (run === 0) {
          console.log(`  warm-up, ${p.name}: ${requests} image request(s)${atlasMs === null ? '' : `, first atlas response (built cold) after ${(atlasMs as number).toFixed(0)} ms from navigation`}, all images after ${images.toFixed(0)} ms`);
        } else {
          p.cells.push(cells);
          p.images.push(images);
        }
        await (context ? context.close() : page.close());
      }
    }
  } finally {
    await browser.close();
  }
  const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
  console.log(`${UNITS}-neuron grid (${MODEL} ${LAYER}) on localhost through the portal, ${RUNS} runs after one warm-up, fresh cache each, paths interleaved:`);
  for (const p of paths) {
    console.log(`  ${p.name}:`);
    console.log(`    until the ${UNITS} cells are in the page:     median ${median(p.cells).toFixed(0)} ms  (${list(p.cells)})`);
    console.log(`    until every image has loaded and decoded:  median ${median(p.images).toFixed(0)} ms  (${list(p.images)})  goal < 1000 ms`);
  }
} finally {
  await system.stop();
  rmSync(dir, { recursive: true, force: true });
}
