import { smallAlexnetGraph, splitFirstLayerGraph, type FirstLayerOptions, type Graph } from '@branchscope/core';
import type { ExperimentModel } from './run-experiment';

interface ModelOptions {
  classes: number;
  inputSize: 32 | 64;
  /** The first conv, the layer studied (default 32 filters, 5x5, stride 1). */
  firstLayer?: FirstLayerOptions;
}

/**
 * Pixels in [-1, 1] rather than the small variants' default [0, 1]: zero-centred input is what AlexNet's mean
 * subtraction gives, and with an uncentred input a first layer trained for a few hundred steps stays near
 * chance (measured: loss still ln(175) after 200 steps on the default dataset).
 */
const centred = (graph: Graph): Graph => ({ ...graph, inputRange: [-1, 1] });

/** Models whose first layer is branched, each with its unbranched control. */
const BUILDERS: Record<string, { build: (o: ModelOptions) => Graph; control: string }> = {
  'small-alexnet-2b': { build: (o) => centred(smallAlexnetGraph({ branches: 2, ...o })), control: 'small-alexnet-1b' },
  'split-first-layer-4b': { build: (o) => centred(splitFirstLayerGraph({ branches: 4, ...o })), control: 'split-first-layer-1b' },
};
const CONTROLS: Record<string, (o: ModelOptions) => Graph> = {
  'small-alexnet-1b': (o) => centred(smallAlexnetGraph({ branches: 1, ...o })),
  'split-first-layer-1b': (o) => centred(splitFirstLayerGraph({ branches: 1, ...o })),
};

/** The ids {@link experimentModels} knows. */
export const EXPERIMENT_MODEL_IDS: readonly string[] = [...Object.keys(BUILDERS), ...Object.keys(CONTROLS)];

/**
 * The graphs an experiment trains: the named model for the dataset's class count and input size and, with
 * `controls`, its unbranched control. Throws naming the id and the known ones when it is unknown.
 */
export function experimentModels(id: string, o: ModelOptions & { controls: boolean }): ExperimentModel[] {
  const options: ModelOptions = { classes: o.classes, inputSize: o.inputSize, ...(o.firstLayer ? { firstLayer: o.firstLayer } : {}) };
  const branched = BUILDERS[id];
  if (branched) {
    const models = [{ id, graph: branched.build(options) }];
    if (o.controls) models.push({ id: branched.control, graph: CONTROLS[branched.control]!(options) });
    return models;
  }
  const control = CONTROLS[id];
  if (control) return [{ id, graph: control(options) }];
  throw new Error(`unknown experiment model '${id}' (known: ${EXPERIMENT_MODEL_IDS.join(', ')})`);
}
