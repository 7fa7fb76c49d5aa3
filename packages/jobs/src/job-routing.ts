import type { JobKinds, KindOf } from './job-kinds';
import { RENDER_FEATURES_JOB } from './kinds/render-features';
import { RENDER_LAYER_JOB } from './kinds/render-layer';

/**
 * Which jobs need which worker. A worker announces its capabilities: `render:<backend>` (the backend its images are
 * keyed by, `renderBackendLabel`: `ort+wasm`, `cpu`, ...) and the kinds it runs. A job pinned to a backend (a render
 * whose input names one) goes only to a worker that renders on it; a render naming none goes to any render worker,
 * whose own backend then keys its images. Every other job goes to any worker that runs its kind.
 */

/** The kinds whose jobs may be pinned to a backend, and how to read it from their input. */
const PINNED_BACKEND: { readonly [K in KindOf]?: (input: JobKinds[K]['input']) => string | null } = {
  [RENDER_FEATURES_JOB]: (input) => input.backend,
  [RENDER_LAYER_JOB]: (input) => input.backend,
};

/** The backend a job of `kind` must run on, or null when any worker running its kind may take it. */
export function requiredBackend(kind: string, input: unknown): string | null {
  const read = Object.hasOwn(PINNED_BACKEND, kind) ? (PINNED_BACKEND[kind as KindOf] as ((input: unknown) => string | null) | undefined) : undefined;
  if (!read || typeof input !== 'object' || input === null) return null;
  const backend = read(input);
  return typeof backend === 'string' ? backend : null;
}

/** Whether jobs of `kind` can be pinned to a backend (a handler of it says which backend it runs on). */
export const isPinnable = (kind: string): boolean => Object.hasOwn(PINNED_BACKEND, kind);

/** The capability a worker needs for jobs pinned to `backend`. */
export const renderCapability = (backend: string): string => `render:${backend}`;

/** The backend of a `render:<backend>` capability, or undefined for another capability. */
export const backendOfCapability = (capability: string): string | undefined =>
  capability.startsWith('render:') ? capability.slice('render:'.length) : undefined;

/** Faster TF.js backends first; onnxruntime (`ort+`) ahead of TF.js alone. */
const TFJS_RANK = ['node-gpu', 'webgpu', 'node', 'wasm', 'cpu'];
const rankOf = (backend: string): [number, number, string] => {
  const ort = backend.startsWith('ort+');
  const tfjs = ort ? backend.slice(4) : backend;
  const rank = TFJS_RANK.indexOf(tfjs);
  return [ort ? 0 : 1, rank < 0 ? TFJS_RANK.length : rank, backend];
};

/**
 * The backend a render that names none is pinned to, among those live workers render on: the fastest (onnxruntime
 * first, then node-gpu, webgpu, node, wasm, cpu), by name among equals, so the same set of workers always gives
 * the same backend and images rendered on it are found again. Undefined when no worker renders.
 */
export function preferredRenderBackend(backends: Iterable<string>): string | undefined {
  const ranked = [...new Set(backends)].map(rankOf).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
  return ranked[0]?.[2];
}

/** Why a job pinned to `backend` waits, for its record, given the backends live workers render on. */
export function waitingForBackend(backend: string, live: readonly string[]): string {
  const others = live.length > 0 ? `live workers render on ${[...new Set(live)].sort().join(', ')}` : 'no worker that renders is live';
  return `waiting for a worker that renders on '${backend}': ${others}; the job starts when one does`;
}
