import type { Graph } from '@branchscope/core';
import { readPoolConfig } from '@branchscope/jobs';
import { buildExecutable, type WeightSource } from '@branchscope/runtime';
import { featureModelFromExecutable, ortGradientFeatureModel, renderFeatures, renderFeaturesWithGradients, type RenderOptions, type RenderResult } from '@branchscope/featurevis';
import { loadOrt, pickEngine } from '@branchscope/ort-engine';

/** Env var that forces the render engine: `ort` (fail where onnxruntime-node cannot load) or `tfjs`. */
export const RENDER_ENGINE_ENV = 'BRANCHSCOPE_RENDER_ENGINE';

export type RenderEngineName = 'ort' | 'tfjs';

export interface RenderEngineChoice {
  engine: RenderEngineName;
  /** onnxruntime's execution providers, fastest first (default ['cpu']). */
  providers?: string[];
  /** Why, for the log line. */
  reason: string;
}

/**
 * Which engine renders feature images: the fastest engine present (`pickEngine`: onnxruntime with CUDA,
 * tfjs-node-gpu, TF.js on WebGPU, onnxruntime on the CPU, then the TF.js backends; `BRANCHSCOPE_ENGINE` forces one),
 * each faster one skipped logged with why. An onnxruntime engine runs the model (forward pass and input gradient in
 * a graph generated from the model, and the Fourier parameterization; the warps and Adam in TF.js), about 8x
 * faster on InceptionV1 than TF.js wasm.
 * {@link RENDER_ENGINE_ENV} overrides the choice for renders alone: `tfjs`, or `ort` (an error where
 * onnxruntime-node does not load).
 */
export async function chooseRenderEngine(
  env: Record<string, string | undefined> = process.env,
  log: (message: string) => void = () => {},
): Promise<RenderEngineChoice> {
  const forced = env[RENDER_ENGINE_ENV];
  if (forced !== undefined && forced !== 'ort' && forced !== 'tfjs') {
    throw new Error(`${RENDER_ENGINE_ENV} must be 'ort' or 'tfjs', got '${forced}'`);
  }
  if (forced === 'tfjs') return { engine: 'tfjs', reason: `${RENDER_ENGINE_ENV}=tfjs` };
  if (forced === 'ort') {
    try {
      await loadOrt();
      return { engine: 'ort', reason: `${RENDER_ENGINE_ENV}=ort` };
    } catch (error) {
      throw new Error(`${RENDER_ENGINE_ENV}=ort, but onnxruntime-node does not load: ${(error as Error).message}`);
    }
  }
  const picked = await pickEngine({ env, log });
  const skipped = picked.skipped.length > 0 ? `; skipped ${picked.skipped.join('; ')}` : '';
  const reason = `${picked.name} is the fastest engine present${skipped}`;
  return picked.kind === 'ort' ? { engine: 'ort', reason, providers: picked.providers } : { engine: 'tfjs', reason };
}

/**
 * The backend a worker announces and its images are keyed by: the TF.js backend alone, or `ort+<TF.js backend>`
 * when onnxruntime runs the model (the recipe's own tensors still run on TF.js). Images from different engines
 * differ in their bits, so they never share a key. A graph the gradient generator cannot take falls back to TF.js
 * on every ORT worker alike, so its images under an `ort+` key are still reproducible (`meta.engine` says which).
 */
export function renderBackendLabel(choice: RenderEngineChoice, tfjsBackend: string): string {
  return choice.engine === 'ort' ? `ort+${tfjsBackend}` : tfjsBackend;
}

/** A model ready to render batches of one layer's units on one engine. */
export interface LayerRenderer {
  /** Recorded with every image: `ort-cpu`, or `tfjs-<backend>`. */
  readonly engine: string;
  render(options: Omit<RenderOptions, 'model'>): Promise<RenderResult>;
  dispose(): void;
}

/**
 * Opens `graph` for rendering `layer` on `choice`'s engine. A graph the gradient generator cannot take (an op it
 * does not differentiate) falls back to TF.js, and `log` says why.
 */
export async function openLayerRenderer(
  choice: RenderEngineChoice,
  graph: Graph,
  weights: WeightSource,
  layer: string,
  inputSize: [number, number],
  tfjsBackend: string,
  log: (message: string) => void = () => {},
): Promise<LayerRenderer> {
  if (choice.engine === 'ort') {
    try {
      // onnxruntime's intra-op threads: BRANCHSCOPE_WORKER_THREADS (1 by default; the pool splits a render's units across processes instead).
      const { threads } = readPoolConfig();
      const model = await ortGradientFeatureModel(graph, weights, { layers: [layer], inputShape: [graph.inputShape[0], inputSize[0], inputSize[1]], threads, ...(choice.providers ? { providers: choice.providers } : {}) });
      return {
        engine: model.engine,
        render: (options) => renderFeaturesWithGradients({ ...options, model }),
        dispose: () => model.dispose(),
      };
    } catch (error) {
      log(`render of '${graph.name}' ${layer} falls back to TF.js ${tfjsBackend}: ${(error as Error).message}`);
    }
  }
  const executable = buildExecutable(graph, weights);
  const model = featureModelFromExecutable(executable);
  return {
    engine: `tfjs-${tfjsBackend}`,
    render: (options) => renderFeatures({ ...options, model }),
    dispose: () => executable.dispose(),
  };
}
