import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FeatureImage, JobState } from '@branchscope/client';
import { FEATURE_IMAGE_ARTIFACT } from '@branchscope/jobs';
import { blobDir, openStore } from '@branchscope/store';
import { PNG } from 'pngjs';
import { queryData } from './graphql';
import { listJobs } from './jobs';
import type { RunningApi } from './start-api';

/** A stored feature image as IMAGES selects it: the client's generated `FeatureImage` fields. */
export type RenderedImage = Pick<FeatureImage, 'unit' | 'key' | 'url' | 'jobId' | 'computedAt' | 'size'>;

export interface RenderAsked {
  modelId: string;
  layer: string;
  units: number[];
  steps: number;
  size: number;
  seed: number;
  /** Left out: the worker's own. */
  backend?: string;
}

const IMAGES = `query ($modelId: ID!, $layer: String!, $units: [Int!]!, $steps: Int!, $size: Int!, $seed: Int!, $backend: String) {
  featureImages(modelId: $modelId, layer: $layer, units: $units, steps: $steps, size: $size, seed: $seed, backend: $backend) {
    result { unit key url jobId computedAt size }
    job { id status }
  }
}`;

/** Every file under `dir`, with its path relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * Checks, through the API and in its database file, that the render job `jobId` (asked as `asked`) ended once and
 * left exactly one whole image per unit: the job SUCCEEDED and the API logged its end once; `featureImages`
 * answers every unit from the store, made by that job; each PNG the API serves decodes (its CRCs checked) at the
 * asked size and is the row's bytes; the database holds one feature-image row per unit of that render and no
 * other, and its blob folder no file (no temp `.partial` left by a write cut short). Returns the images by unit.
 */
export async function expectRenderedOnce(api: RunningApi, jobId: string, asked: RenderAsked): Promise<RenderedImage[]> {
  const job = (await listJobs(api.url)).find((entry) => entry.id === jobId);
  if (job?.status !== 'SUCCEEDED') throw new Error(`job ${jobId} is ${job?.status ?? 'not listed'}: ${job?.error ?? ''}`);
  const ends = api.output().match(new RegExp(`job finished [^\\n]*id=${jobId}\\b[^\\n]*`, 'g')) ?? [];
  if (ends.length !== 1 || !/result=succeeded/.test(ends[0]!)) throw new Error(`the API logged job ${jobId}'s end ${ends.length} times:\n${ends.join('\n')}`);

  const { featureImages } = await queryData<{ featureImages: { result: RenderedImage[] | null; job: Pick<JobState, 'id' | 'status'> | null } }>(api.url, IMAGES, { ...asked });
  if (!featureImages.result) throw new Error(`featureImages answered with job ${JSON.stringify(featureImages.job)} after job ${jobId} SUCCEEDED`);
  const images = [...featureImages.result].sort((a, b) => a.unit - b.unit);
  if (JSON.stringify(images.map((image) => image.unit)) !== JSON.stringify([...asked.units].sort((a, b) => a - b))) {
    throw new Error(`featureImages answered units ${images.map((image) => image.unit).join(',')}, asked ${asked.units.join(',')}`);
  }
  const foreign = images.filter((image) => image.jobId !== jobId);
  if (foreign.length > 0) throw new Error(`units ${foreign.map((image) => `${image.unit} (job ${image.jobId})`).join(', ')} were not made by job ${jobId}`);

  const store = openStore(api.dbPath);
  try {
    const rows = await store.db
      .selectFrom('artifacts')
      .select(['key', 'bytes', 'meta', 'job_id'])
      .where('kind', '=', FEATURE_IMAGE_ARTIFACT)
      .where('model_id', '=', asked.modelId)
      .execute();
    // The rows of this render: its layer and recipe (other renders of the layer may be stored beside them).
    const ofRender = rows.filter((row) => {
      const meta = JSON.parse(row.meta) as { layer?: string; steps?: number; size?: number; seed?: number; backend?: string };
      return meta.layer === asked.layer && meta.steps === asked.steps && meta.size === asked.size && meta.seed === asked.seed && (asked.backend === undefined || meta.backend === asked.backend);
    });
    if (ofRender.length !== asked.units.length) {
      throw new Error(`the database holds ${ofRender.length} feature-image rows of ${asked.modelId} ${asked.layer} at ${asked.steps} steps, ${asked.size} px, seed ${asked.seed}; ${asked.units.length} units were rendered`);
    }
    const byKey = new Map(ofRender.map((row) => [row.key, row]));
    for (const image of images) {
      const row = byKey.get(image.key);
      if (!row?.bytes) throw new Error(`unit ${image.unit}: no row with its bytes under ${image.key}`);
      const response = await fetch(new URL(image.url, api.origin));
      const served = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200 || response.headers.get('content-type') !== 'image/png') {
        throw new Error(`unit ${image.unit}: ${image.url} answered ${response.status} ${response.headers.get('content-type')}`);
      }
      if (!served.equals(Buffer.from(row.bytes))) throw new Error(`unit ${image.unit}: ${image.url} serves other bytes than its row`);
      const png = PNG.sync.read(served, { checkCRC: true } as object);
      if (png.width !== asked.size || png.height !== asked.size) throw new Error(`unit ${image.unit}: its PNG is ${png.width}x${png.height}, asked ${asked.size}`);
    }
    const leftovers = filesUnder(blobDir(store));
    if (leftovers.length > 0) throw new Error(`the blob folder holds files no small PNG should have left: ${leftovers.join(', ')}`);
  } finally {
    await store.close();
  }
  return images;
}
