import {
  FeatureImageTracesQuery,
  operationText,
  type FeatureImageTracesQueryResult,
  type FeatureImageTracesQueryVariables,
} from '@branchscope/client';
import { RENDER_FEATURES_JOB, type JobInput } from '@branchscope/jobs';
import { answerOf } from '../support/follow-answer';
import { listJobs, type Job } from '../support/jobs';

/** Test support: the client's FeatureImageTraces query (every step's objective value too), as a script would send it. */
export const FEATURE_IMAGES_QUERY = operationText(FeatureImageTracesQuery);

/** One image as FEATURE_IMAGES_QUERY selects it: the client's generated result type. */
export type FeatureImage = NonNullable<FeatureImageTracesQueryResult['featureImages']['result']>[number];

export type FeatureImagesArgs = FeatureImageTracesQueryVariables;

export async function featureImages(url: string, args: FeatureImagesArgs): Promise<FeatureImage[]> {
  return answerOf<FeatureImage[]>(url, FEATURE_IMAGES_QUERY, 'featureImages', { ...args });
}

/** A render-features job of the jobs list: the client's generated `Job`, its JSON input that kind's input. */
export type RenderJob = Omit<Job, 'input'> & { input: JobInput<typeof RENDER_FEATURES_JOB> };

/** The render-features jobs whose input has this seed, oldest first. */
export async function renderJobs(url: string, seed: number): Promise<RenderJob[]> {
  const renders = (await listJobs(url)).filter((job): job is RenderJob => job.kind === RENDER_FEATURES_JOB);
  return renders.filter((job) => job.input.seed === seed).reverse();
}

/** GETs an artifact URL (a path on the API's origin) as bytes, with its status and headers. */
export async function fetchArtifact(origin: string, path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const response = await fetch(new URL(path, origin));
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Width, height, bit depth and color type from a PNG's signature and IHDR chunk; throws if it is not a PNG. */
export function pngHeader(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG: wrong signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG: no IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: bytes[24]!, colorType: bytes[25]! };
}
