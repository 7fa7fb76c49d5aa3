import * as tf from '@tensorflow/tfjs-core';
import { batchImages, correctCount, crossEntropy } from './batch-tensors';
import type { NamedArray } from './checkpoint';
import { namedWeights } from './checkpoint-weights';
import { evaluateModel } from './evaluate';
import { Optimizer } from './optimizer';
import { decayed, runEpochs, startTraining } from './training-run';
import type { TrainOptions, TrainResult } from './training-types';
import { TrainableModel } from '@branchscope/runtime';
import { trainOnOrt } from './train-ort';
import { registerWasmTrainingKernels } from '@branchscope/runtime';

/** The model's parameters, statistics and the optimizer's slots, read back as arrays. */
function snapshot(model: TrainableModel, optimizer?: Optimizer): Map<string, NamedArray> {
  const out = new Map<string, NamedArray>();
  for (const [name, v] of model.tensors()) out.set(name, { shape: v.shape, data: new Float32Array(v.dataSync()) });
  if (optimizer) for (const [name, v] of optimizer.slots) out.set(name, { shape: v.shape, data: new Float32Array(v.dataSync()) });
  return out;
}

/**
 * Trains `graph` on `dataset` with softmax cross-entropy: seeded initialisation (`seededWeights`), seeded
 * batches, crops, flips and dropout, a checkpoint in `checkpointDir` after every epoch. With `resume`, a run
 * continues from its last checkpoint and ends with exactly the weights an uninterrupted run would have on the
 * same backend. Runs on the active TF.js backend (on wasm it registers the conv weight-gradient kernel), or with
 * `engine: 'ort'` on onnxruntime (train-ort.ts).
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  if (options.engine === 'ort') return trainOnOrt(options);
  if (options.engine !== undefined && options.engine !== 'tfjs') throw new Error(`train: engine must be 'tfjs' or 'ort', got '${String(options.engine)}'`);
  const run = await startTraining(options);
  registerWasmTrainingKernels();
  const { graph, seed, epochs, checkpointDir } = options;
  const { settings } = run;
  const model = new TrainableModel(graph, run.source);
  let optimizer: Optimizer | undefined;
  try {
    const opt = (optimizer = new Optimizer({ name: settings.optimizer, learningRate: settings.learningRate, weightDecay: settings.weightDecay, momentum: settings.momentum }, model.variables, run.slotState));
    const variables = [...model.variables.values()];
    const names = new Map([...model.variables].map(([name, v]) => [v.name, name]));
    const layers = Object.fromEntries(model.layers);
    const metrics = await runEpochs(options, run, {
      async trainBatch(b, epoch, batch) {
        const x = batchImages(b, graph.inputRange);
        const labels = tf.tensor1d(b.labels, 'int32');
        const moments = new Map<string, { mean: tf.Tensor; variance: tf.Tensor; count: number }>();
        let logits: tf.Tensor2D | undefined;
        const { value, grads } = tf.variableGrads(() => {
          logits = tf.keep(model.forward(x, { training: true, dropoutRate: settings.dropout, dropoutKey: `${seed}/dropout/${epoch}/${batch}` }, moments));
          return crossEntropy(logits, labels);
        }, variables);
        model.updateStatistics(moments);
        opt.apply(model.variables, new Map(Object.entries(grads).map(([k, g]) => [names.get(k)!, g])), decayed);
        const loss = value.dataSync()[0]!;
        const correct = correctCount(logits!, b.labels);
        tf.dispose([value, x, labels, logits!, ...Object.values(grads)]);
        return { loss, correct };
      },
      step: () => opt.step,
      evaluate: (heldOut) => evaluateModel(model, heldOut, settings.batchSize),
      snapshot: (withSlots) => snapshot(model, withSlots ? opt : undefined),
      layers,
    });
    return { weights: namedWeights(`trained '${graph.name}'`, layers, snapshot(model)), metrics, epoch: Math.max(run.start, epochs), resumedFrom: run.start, checkpointDir };
  } finally {
    optimizer?.dispose();
    model.dispose();
  }
}
