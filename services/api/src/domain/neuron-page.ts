import {
  featureImageKey,
  isFirstConv,
  RENDER_DEFAULTS,
  RENDER_FEATURES_JOB,
  RENDER_LAYER_JOB,
  weightImageKey,
  type FeatureImageMeta,
  type RenderFeaturesInput,
  type WeightImageMeta,
} from '@branchscope/jobs';
import type { Branch, GraphNode } from '@branchscope/core';
import { findArtifacts, listJobs, listLayerLabels, modelDigest, type ArtifactInfo, type JobRecord, type LayerLabelRecord, type ModelRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { loadPageExamples, type PageExamples } from './neuron-dataset-examples';
import { defaultRenderBackend } from './render-backend';

/** Render jobs looked at for a page's PENDING and FAILED units, newest first. */
const RECENT_RENDER_JOBS = 200;

/** The parameters that identify a unit's feature visualization. */
export interface RenderParams {
  steps: number;
  size: number;
  seed: number;
  backend: string;
}

/**
 * The units of one layer shown together (a connection's page, or one neuron): every store lookup their fields need is
 * made once for the whole page, on first use, and shared by its neurons, so a page costs one query per concern
 * (feature images per parameter set, weight images, labels, render jobs) however many units it holds.
 */
export class NeuronPage {
  readonly digest: string;
  readonly firstConv: boolean;
  readonly branchOf: ReadonlyMap<number, { block: string; branch: Branch }>;
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly deps: ApiDeps,
    readonly model: ModelRecord,
    readonly node: GraphNode,
    readonly units: readonly number[],
  ) {
    this.digest = modelDigest(model);
    this.firstConv = isFirstConv(model.graph, node.name);
    this.branchOf = unitBranches(deps, model, node, units);
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.#memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.#memo.set(key, promise);
    }
    return promise;
  }

  /**
   * The render parameters asked for, with featureImages' defaults for those left out, and for the backend the one
   * renders naming none go to (`defaultRenderBackend`: the in-process worker's, or the live workers' in Redis mode).
   */
  async renderParams(args: { steps?: number | null; size?: number | null; seed?: number | null; backend?: string | null }): Promise<RenderParams> {
    const backend = args.backend ?? (await this.defaultBackend());
    if (!backend) throw badInput('no worker renders now, so name the backend the feature visualization must come from (argument backend)');
    return { steps: args.steps ?? RENDER_DEFAULTS.steps, size: args.size ?? RENDER_DEFAULTS.size, seed: args.seed ?? RENDER_DEFAULTS.seed, backend };
  }

  /** The backend renders naming none go to, asked once per page; null when no worker renders. */
  defaultBackend(): Promise<string | null> {
    return this.#once('default-backend', () => defaultRenderBackend(this.deps));
  }

  featureImageKey(unit: number, p: RenderParams): string {
    const channels = this.model.graph.inputShape[0]!;
    return featureImageKey({ modelDigest: this.digest, layer: this.node.name, unit, ...p, channels });
  }

  /** The page's stored feature images with these parameters, by unit: one query. */
  featureImages(p: RenderParams): Promise<Map<number, ArtifactInfo<FeatureImageMeta>>> {
    return this.#once(`feature:${JSON.stringify(p)}`, async () => {
      const keys = this.units.map((unit) => this.featureImageKey(unit, p));
      const found = await findArtifacts<FeatureImageMeta>(this.deps.store, keys);
      return new Map(this.units.flatMap((unit, i) => (found.has(keys[i]!) ? [[unit, found.get(keys[i]!)!] as const] : [])));
    });
  }

  /** The page's stored weight images (first conv layers only), by unit: one query, none for other layers. */
  weightImages(): Promise<Map<number, ArtifactInfo<WeightImageMeta>>> {
    return this.#once('weights', async () => {
      if (!this.firstConv) return new Map();
      const keys = this.units.map((unit) => weightImageKey(this.digest, this.node.name, unit));
      const found = await findArtifacts<WeightImageMeta>(this.deps.store, keys);
      return new Map(this.units.flatMap((unit, i) => (found.has(keys[i]!) ? [[unit, found.get(keys[i]!)!] as const] : [])));
    });
  }

  /** The page's labels in every label set of the model, by unit: one query. */
  labels(): Promise<Map<number, LayerLabelRecord[]>> {
    return this.#once('labels', async () => {
      const byUnit = new Map<number, LayerLabelRecord[]>();
      for (const label of await listLayerLabels(this.deps.store, this.model.id, this.node.name, this.units)) {
        byUnit.set(label.unit, [...(byUnit.get(label.unit) ?? []), label]);
      }
      return byUnit;
    });
  }

  /** Recent render jobs of this layer (queued, running or failed), newest first: one query. */
  renderJobs(): Promise<JobRecord<RenderFeaturesInput>[]> {
    return this.#once('render-jobs', async () => {
      const jobs = await listJobs(this.deps.store, {
        kinds: [RENDER_FEATURES_JOB, RENDER_LAYER_JOB],
        statuses: ['QUEUED', 'RUNNING', 'FAILED'],
        limit: RECENT_RENDER_JOBS,
      });
      return (jobs as JobRecord<RenderFeaturesInput>[]).filter((job) => job.input.modelId === this.model.id && job.input.layer === this.node.name);
    });
  }

  /** The layer's dataset examples of `datasetId` for the whole page (one lookup), or the job computing them. */
  datasetExamples(datasetId: string): Promise<PageExamples> {
    return this.#once(`examples:${datasetId}`, () => loadPageExamples(this, datasetId));
  }

  /** A job rendering (or, failing that, the newest that failed to render) this unit with these parameters. */
  async renderJobFor(unit: number, p: RenderParams): Promise<JobRecord | null> {
    const matching = (await this.renderJobs()).filter(
      (job) =>
        job.input.steps === p.steps && job.input.size === p.size && job.input.seed === p.seed && job.input.backend === p.backend && job.input.units.includes(unit),
    );
    return matching.find((job) => job.status !== 'FAILED') ?? matching[0] ?? null;
  }
}

/** Each unit's branch: of the block whose output is the layer (by unit range), or the branch the layer lies inside. */
function unitBranches(deps: ApiDeps, model: ModelRecord, node: GraphNode, units: readonly number[]): Map<number, { block: string; branch: Branch }> {
  const blocks = deps.catalog.blocks(model);
  const byUnit = new Map<number, { block: string; branch: Branch }>();
  const output = blocks.find((b) => b.output === node.name);
  if (output) {
    for (const unit of units) {
      const branch = output.branches.find((b) => unit >= b.units.start && unit < b.units.end);
      if (branch) byUnit.set(unit, { block: output.name, branch });
    }
    return byUnit;
  }
  for (const block of blocks) {
    const branch = block.branches.find((b) => b.layers.includes(node.name));
    if (branch) {
      for (const unit of units) byUnit.set(unit, { block: block.name, branch });
      break;
    }
  }
  return byUnit;
}
