import {
  createLogger,
  featureImageKey,
  FEATURE_IMAGE_ARTIFACT,
  FEATURE_RENDER_VERSION,
  RENDER_BATCH_UNITS,
  renderFeaturesInput,
  type FeatureImageMeta,
  type JobData,
  type JobHandler,
  type RenderFeaturesInput,
} from '@branchscope/jobs';
import { channelsShown, displayImage, type Graph } from '@branchscope/core';
import { currentBackend } from '@branchscope/runtime';
import { encodePng } from '@branchscope/featurevis';
import { modelDigest } from '@branchscope/store';
import { describeRender } from '../featurevis/describe-render';
import { renderInputSize } from '../featurevis/render-input-size';
import { chooseRenderEngine, openLayerRenderer, renderBackendLabel, type RenderEngineChoice } from '../featurevis/render-engine';
import { loadModelWeights } from '../load-model-weights';

export interface RenderFeaturesDeps {
  data: JobData;
  /**
   * The TF.js backend this process runs on. A job names the backend its images must come from
   * ({@link renderBackendLabel}: this one, with `ort+` in front when onnxruntime runs the model); a job asking for
   * another fails rather than store mislabelled images.
   */
  backend?: string;
  /** The render engine; chosen on the first job by default (onnxruntime-node where it loads, else TF.js). */
  engine?: RenderEngineChoice;
  /** Where the engine choice and any fallback are logged (the process logger by default). */
  log?: (message: string) => void;
}

/** Progress reports per batch, so the store is not written on every step. */
const PROGRESS_REPORTS = 20;

/**
 * The `render-features` handler: renders the job's units of one layer that are not stored yet, in batches of
 * {@link RENDER_BATCH_UNITS} (each image seeded on its own, so it does not depend on the batch), and after each
 * batch stores each unit's PNG with its trace and descriptors under {@link featureImageKey} and keeps them
 * (`keepStored`). A job run again after its worker died starts after the stored units, its progress from their
 * share. Fails naming the model, layer, unit or backend that does not fit.
 */
export function renderFeaturesHandler(deps: RenderFeaturesDeps, check: (graph: Graph, input: RenderFeaturesInput) => RenderFeaturesInput = (graph, input) => renderFeaturesInput(graph, input, input.backend)): JobHandler<RenderFeaturesInput> {
  const log = deps.log ?? ((message: string) => createLogger().info(message));
  let choice: Promise<RenderEngineChoice> | undefined;
  const engine = (): Promise<RenderEngineChoice> =>
    (choice ??= (deps.engine ? Promise.resolve(deps.engine) : chooseRenderEngine()).then((c) => {
      log(`render-features renders on ${c.engine === 'ort' ? 'onnxruntime-node' : `TF.js ${deps.backend}`}: ${c.reason}`);
      return c;
    }));
  return async ({ input, job, reportProgress, keepStored, signal }) => {
    const running = currentBackend();
    const label = running === deps.backend && running ? renderBackendLabel(await engine(), running) : undefined;
    // A job pinned to a backend is routed to workers on it; one pinned to none takes this worker's, which keys its images.
    if (label === undefined || (input.backend !== null && input.backend !== label)) {
      throw new Error(`the job asks for images from backend '${input.backend ?? 'any'}', but this worker renders on '${label ?? running ?? 'none'}'`);
    }
    const model = await deps.data.reads.requireModel(input.modelId);
    // The API checked the request already; a job queued by another client gets the same clear errors here.
    const checked = check(model.graph, { ...input, backend: label });
    const digest = modelDigest(model);
    const { layer, steps, size, seed } = checked;
    const backend = label;
    const channels = model.graph.inputShape[0];
    const keyOf = (unit: number) => featureImageKey({ modelDigest: digest, layer, unit, steps, size, seed, backend, channels });
    const stored = await deps.data.reads.storedArtifacts(checked.units.map(keyOf));
    const missing = checked.units.filter((unit) => !stored.has(keyOf(unit)));
    if (missing.length === 0) return {};

    const inputSize = renderInputSize(model.graph, layer, size);
    const renderer = await openLayerRenderer(await engine(), model.graph, await loadModelWeights(deps.data.reads, model), layer, inputSize, running!, log);
    const total = checked.units.length;
    let done = total - missing.length;
    // A job taken over resumes: its progress starts at what is stored, not at zero.
    if (done > 0) await reportProgress((0.95 * done) / total);
    const every = Math.max(1, Math.ceil(steps / PROGRESS_REPORTS));
    try {
      for (let start = 0; start < missing.length; start += RENDER_BATCH_UNITS) {
        // A cancelled job stops between batches, and inside one between steps (the render's `signal`).
        signal?.throwIfAborted();
        const batch = missing.slice(start, start + RENDER_BATCH_UNITS);
        let progress = Promise.resolve();
        const result = await renderer.render({
          inputSize,
          channels,
          inputRange: model.graph.inputRange,
          units: batch,
          layer,
          steps,
          size,
          seed,
          imageSeeds: batch.map(() => seed),
          ...(signal ? { signal } : {}),
          onStep: (step) => {
            // The batch's last report waits until its images are kept: progress at a batch's end means kept.
            if ((step + 1) % every === 0 && step + 1 < steps) {
              progress = progress.then(() => reportProgress((0.95 * (done + (batch.length * (step + 1)) / steps)) / total));
            }
          },
        });
        await progress;
        for (const [b, unit] of batch.entries()) {
          const image = result.images[b]!;
          const meta: FeatureImageMeta & { engine: string } = {
            modelId: model.id,
            modelDigest: digest,
            layer,
            unit,
            steps,
            size,
            seed,
            backend,
            engine: renderer.engine,
            renderVersion: FEATURE_RENDER_VERSION,
            height: image.height,
            width: image.width,
            channels: image.channels,
            channelsShown: channelsShown(image.channels),
            trace: result.perImageTrace.map((values) => values[b]!),
            descriptor: describeRender(image),
            batchUnits: batch,
          };
          // Drawn as core's displayImage says (channels 0-2 of a 4-channel input as RGB, never alpha); the colour
          // index (describeRender) is measured on the same channels.
          const bytes = encodePng(displayImage(image));
          const artifact = { key: keyOf(unit), kind: FEATURE_IMAGE_ARTIFACT, modelId: model.id, mediaType: 'image/png', bytes, meta };
          await deps.data.writes.putArtifact({ ...artifact, jobId: job.id });
        }
        done += batch.length;
        await keepStored?.();
        await reportProgress((0.95 * done) / total);
      }
    } finally {
      renderer.dispose();
    }
    return {};
  };
}
