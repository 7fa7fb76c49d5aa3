import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { queryData } from '../support/graphql';

/** Test support: the feature-image queries as a script would send them. */
export const FEATURE_IMAGES_QUERY = `query ($modelId: ID!, $layer: String!, $units: [Int!]!, $steps: Int, $size: Int, $seed: Int) {
  featureImages(modelId: $modelId, layer: $layer, units: $units, steps: $steps, size: $size, seed: $seed) {
    result {
      unit layer key url backend steps size seed jobId
      trace { first last max values }
      descriptor { colorIndex frequency orientation }
    }
    ${ANSWER_JOB_FIELDS}
  }
}`;

export interface FeatureImage {
  unit: number;
  layer: string;
  key: string;
  url: string;
  backend: string;
  steps: number;
  size: number;
  seed: number;
  jobId: string | null;
  trace: { first: number; last: number; max: number; values: number[] };
  descriptor: { colorIndex: number; frequency: number; orientation: number };
}

export interface FeatureImagesArgs {
  modelId: string;
  layer: string;
  units: number[];
  steps?: number;
  size?: number;
  seed?: number;
}

export async function featureImages(url: string, args: FeatureImagesArgs): Promise<FeatureImage[]> {
  return answerOf<FeatureImage[]>(url, FEATURE_IMAGES_QUERY, 'featureImages', { ...args });
}

/** The render-features jobs whose input has this seed, oldest first. */
export async function renderJobs(url: string, seed: number): Promise<{ id: string; input: { seed: number; units: number[] } }[]> {
  const { jobs } = await queryData<{ jobs: { id: string; kind: string; input: { seed: number; units: number[] } }[] }>(url, '{ jobs { id kind input } }');
  return jobs.filter((job) => job.kind === 'render-features' && job.input.seed === seed).reverse();
}

/** GETs an artifact URL (a path on the API's origin) as bytes, with its status and headers. */
export async function fetchArtifact(origin: string, path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const response = await fetch(new URL(path, origin));
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Width, height, bit depth and colour type from a PNG's signature and IHDR chunk; throws if it is not a PNG. */
export function pngHeader(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG: wrong signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG: no IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: bytes[24]!, colorType: bytes[25]! };
}
