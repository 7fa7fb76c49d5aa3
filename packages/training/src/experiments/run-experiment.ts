import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SPLIT_CRITERION, type Graph, type SplitCriterion } from '@branchscope/core';
import type { ImageDataset } from '../datasets/image-dataset';
import { train } from '../training/train';
import type { OptimizerName } from '../training/optimizer';
import { experimentMarkdown } from './experiment-markdown';
import { scaledFirstLayerInit } from './first-layer-init';
import { experimentSvg } from './experiment-svg';
import { controlFactorsSvg } from './control-factors-svg';
import { summarizeExperiment, type ExperimentRun, type ModelSummary } from './experiment-summary';
import { runReport } from './run-report';

export interface ExperimentModel {
  id: string;
  graph: Graph;
}

export interface ExperimentOptions {
  /** Shown as the report's title and stored with the results. */
  title: string;
  /** The command line that ran it, recorded so the results can be reproduced. */
  command: string;
  models: readonly ExperimentModel[];
  seeds: readonly number[];
  dataset: ImageDataset;
  /** Where each run's checkpoints (`<model>/seed-<n>/`) and the results go. */
  outDir: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  weightDecay?: number;
  /** Scale of the first layer's seeded He-normal init (default 1); see {@link scaledFirstLayerInit}. */
  firstLayerInitScale?: number;
  /** Dropout rate of the graph's dropout nodes (default 0: small datasets and few steps, so the aim is fast learning). */
  dropout?: number;
  criterion?: Partial<SplitCriterion>;
  /** The training engine (default 'tfjs'; 'ort' is several times faster on a CPU) and its threads. */
  engine?: 'tfjs' | 'ort';
  threads?: number;
  /** Lines about the dataset and task, put at the top of the report. */
  notes?: string[];
  log?: (line: string) => void;
}

export interface ExperimentResult {
  title: string;
  command: string;
  criterion: SplitCriterion;
  settings: { epochs: number; batchSize: number; learningRate: number; optimizer: OptimizerName; weightDecay: number; firstLayerInitScale: number; dropout: number; classes: number; images: number; cropSize: number };
  runs: ExperimentRun[];
  summary: ModelSummary[];
}

/**
 * Trains every model for every seed (resuming any run whose checkpoint is already there, so an interrupted
 * experiment continues where it stopped), reports each from its weights, and after every run rewrites
 * `results.json`, `report.md`, `colour-index.svg` and (with controls) `control-factors.svg` in `outDir`.
 */
export async function runExperiment(o: ExperimentOptions): Promise<ExperimentResult> {
  const criterion: SplitCriterion = { ...DEFAULT_SPLIT_CRITERION, ...o.criterion };
  const log = o.log ?? (() => {});
  const weightDecay = o.weightDecay ?? 0;
  const initScale = o.firstLayerInitScale ?? 1;
  const runs: ExperimentRun[] = [];
  await mkdir(o.outDir, { recursive: true });
  const result = (): ExperimentResult => ({
    title: o.title,
    command: o.command,
    criterion,
    settings: { epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, optimizer: o.optimizer, weightDecay, firstLayerInitScale: initScale, dropout: o.dropout ?? 0, classes: o.dataset.classes.length, images: o.dataset.size, cropSize: o.dataset.cropSize },
    runs,
    summary: summarizeExperiment(runs),
  });
  for (const seed of o.seeds) {
    for (const model of o.models) {
      const began = performance.now();
      const trained = await train({
        graph: model.graph,
        dataset: o.dataset,
        seed,
        epochs: o.epochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        optimizer: o.optimizer,
        weightDecay,
        dropout: o.dropout ?? 0,
        init: scaledFirstLayerInit(model.graph, seed, initScale),
        checkpointDir: path.join(o.outDir, model.id, `seed-${seed}`),
        resume: true,
        ...(o.engine ? { engine: o.engine } : {}),
        ...(o.threads ? { ortThreads: o.threads } : {}),
        onEpoch: (m) => log(`${model.id} seed ${seed} epoch ${m.epoch}/${o.epochs}: loss ${m.loss.toFixed(3)}, accuracy ${m.accuracy.toFixed(3)}, ${m.imagesPerSecond.toFixed(0)} images/s`),
      });
      const last = trained.metrics[trained.metrics.length - 1];
      const report = runReport(model.graph, trained.weights, criterion);
      const seconds = trained.metrics.reduce((s, m) => s + m.seconds, 0) || (performance.now() - began) / 1000;
      runs.push({ model: model.id, seed, epochs: trained.epoch, seconds, images: trained.epoch * o.dataset.size, ...(last ? { loss: last.loss, accuracy: last.accuracy } : {}), report });
      const verdict = report.kind === 'branched' ? `colour ${report.branches.colorVerdict}, frequency ${report.branches.frequencyVerdict}` : report.factors.summary.at(-1);
      log(`${model.id} seed ${seed}: median colour index ${report.medianColorIndex.toFixed(2)}; ${verdict}`);
      const r = result();
      await writeFile(path.join(o.outDir, 'results.json'), `${JSON.stringify(r, null, 1)}\n`);
      await writeFile(path.join(o.outDir, 'report.md'), experimentMarkdown(o.title, r.runs, r.summary, criterion, [...(o.notes ?? []), '', `Command: \`${o.command}\``]));
      await writeFile(path.join(o.outDir, 'colour-index.svg'), experimentSvg(r.runs));
      if (r.runs.some((run) => run.report.kind === 'control')) await writeFile(path.join(o.outDir, 'control-factors.svg'), controlFactorsSvg(r.runs));
    }
  }
  return result();
}
