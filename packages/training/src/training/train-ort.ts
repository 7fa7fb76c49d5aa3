import * as tf from '@tensorflow/tfjs-core';
import { inferShapes } from '@branchscope/runtime';
import { generateGradientModel } from '@branchscope/ort-engine';
import { createOrtSession, type TensorData } from '@branchscope/ort-engine';
import type { NamedArray } from './checkpoint';
import { namedWeights } from './checkpoint-weights';
import { evaluateModel } from './evaluate';
import { FloatOptimizer } from './float-optimizer';
import { batchInputNchw, dropoutMaskNchw, oneHotLabels } from './ort-batch-feeds';
import { decayed, runEpochs, startTraining } from './training-run';
import type { TrainOptions, TrainResult } from './training-types';
import { logitsNode, TrainableModel } from '@branchscope/runtime';

/** Running statistics move this far towards each batch's, as TrainableModel.updateStatistics does. */
const STATS_MOMENTUM = 0.9;

/**
 * `train` on onnxruntime (`engine: 'ort'`): each batch is one run of a model generated from the graph
 * (`generateGradientModel`: forward pass in training mode, softmax cross-entropy, every weight gradient, batch-norm
 * batch statistics), on every core; the optimizer and the running statistics are loops over Float32Arrays beside
 * it. Everything else is train.ts's: the same seeded batches, crops, flips and dropout masks (fed to the model),
 * the same optimizer and hyper-parameters, the same checkpoints (names, layout, atomic writes), so a run is
 * reproducible from its seed and resumes to the bytes an uninterrupted run on this engine ends with. TF.js is
 * used only to read the initial weights and for held-out evaluation.
 */
export async function trainOnOrt(options: TrainOptions): Promise<TrainResult> {
  const { graph, dataset, seed, epochs, checkpointDir } = options;
  const run = await startTraining(options);
  const { settings, source } = run;

  // TrainableModel names, orders and reads the parameters exactly as the TF.js engine does; then they leave TF.js.
  const model = new TrainableModel(graph, source);
  const read = (vars: Map<string, tf.Variable>): Map<string, NamedArray> =>
    new Map([...vars].map(([name, v]) => [name, { shape: v.shape, data: new Float32Array(v.dataSync()) }]));
  const params = read(model.variables);
  const statistics = read(model.statistics);
  const layers = Object.fromEntries(model.layers);
  const values = new Map([...params].map(([name, p]) => [name, p.data]));

  const logits = logitsNode(graph);
  const classes = dataset.classes.length;
  const generated = generateGradientModel(graph, source, { outputs: [logits.name], crossEntropy: logits.name, weightGradients: true, training: true, inputGradient: false });
  const fed = new Set(generated.params.map((p) => p.name));
  for (const name of params.keys()) if (!fed.has(name)) throw new Error(`train (ort): the generated model for '${graph.name}' takes no input for parameter '${name}'`);
  for (const name of fed) if (!params.has(name)) throw new Error(`train (ort): the generated model for '${graph.name}' takes '${name}', which training does not hold`);
  const shapes = inferShapes(graph);
  const dropouts = generated.inputNames.filter((n) => n.startsWith('mask:')).map((n) => n.slice('mask:'.length));
  // Each batch norm's statistics come from N x H x W values per channel (N for a [F] activation).
  const normalised = [...model.layers].filter(([, info]) => info.op === 'batchnorm').map(([layer]) => {
    const input = graph.nodes.find((n) => n.name === layer)!.inputs[0]!;
    const shape = shapes.get(input)!;
    return { layer, perSample: shape.length === 3 ? shape[1]! * shape[2]! : 1 };
  });

  const optimizer = new FloatOptimizer({ name: settings.optimizer, learningRate: settings.learningRate, weightDecay: settings.weightDecay, momentum: settings.momentum }, values, run.slotState);
  const session = await createOrtSession(generated.bytes, { ...(options.ortThreads ? { threads: options.ortThreads } : {}), ...(options.ortSpinning !== undefined ? { spinning: options.ortSpinning } : {}) });
  const snapshot = (withSlots: boolean): Map<string, NamedArray> => {
    const out = new Map<string, NamedArray>([...params, ...statistics].map(([k, v]) => [k, { shape: v.shape, data: Float32Array.from(v.data) }]));
    if (withSlots) for (const [name, data] of optimizer.slots) out.set(name, { shape: params.get(name.slice(name.indexOf(':') + 1))!.shape, data: Float32Array.from(data) });
    return out;
  };

  try {
    const metrics = await runEpochs(options, run, {
      async trainBatch(b, epoch, batch) {
        const feeds: Record<string, TensorData> = {
          input: batchInputNchw(b, graph.inputRange),
          labels: oneHotLabels(b.labels, classes),
          [`seed:${logits.name}`]: { data: new Float32Array(b.count * classes), dims: [b.count, classes] },
        };
        for (const node of dropouts) {
          feeds[`mask:${node}`] = dropoutMaskNchw(b.count, shapes.get(node)!, settings.dropout, `${seed}/dropout/${epoch}/${batch}/${node}`);
        }
        for (const [name, p] of params) feeds[name] = { data: p.data, dims: p.shape };
        const out = await session.run(feeds);
        const loss = out.loss!.data[0]!;
        if (!Number.isFinite(loss)) return { loss, correct: 0 };
        for (const { layer, perSample } of normalised) {
          updateStatistics(statistics, layer, out[`stats:${layer}/mean`]!.data, out[`stats:${layer}/variance`]!.data, b.count * perSample);
        }
        optimizer.apply(values, new Map([...params.keys()].map((name) => [name, out[`grad:${name}`]!.data])), decayed);
        return { loss, correct: correctCount(out[logits.name]!.data, b.labels, classes) };
      },
      step: () => optimizer.step,
      evaluate(heldOut) {
        tf.tidy(() => {
          for (const [name, v] of model.tensors()) v.assign(tf.tensor((params.get(name) ?? statistics.get(name))!.data, v.shape));
        });
        return evaluateModel(model, heldOut, settings.batchSize);
      },
      snapshot,
      layers,
    });
    return { weights: namedWeights(`trained '${graph.name}'`, layers, snapshot(false)), metrics, epoch: Math.max(run.start, epochs), resumedFrom: run.start, checkpointDir };
  } finally {
    await session.release();
    model.dispose();
  }
}

/** TrainableModel.updateStatistics on arrays: running mean and unbiased variance move towards the batch's. */
function updateStatistics(statistics: Map<string, NamedArray>, layer: string, mean: Float32Array, biasedVariance: Float32Array, count: number): void {
  const m = statistics.get(`${layer}/mean`)!.data;
  const v = statistics.get(`${layer}/variance`)!.data;
  const unbias = count / Math.max(1, count - 1);
  for (let c = 0; c < m.length; c++) {
    m[c] = m[c]! * STATS_MOMENTUM + mean[c]! * (1 - STATS_MOMENTUM);
    v[c] = v[c]! * STATS_MOMENTUM + biasedVariance[c]! * unbias * (1 - STATS_MOMENTUM);
  }
}

/** Rows of [N, classes] scores whose highest score (the first, on ties) is the label. */
function correctCount(scores: Float32Array, labels: Int32Array, classes: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c]! > scores[i * classes + best]!) best = c;
    if (best === labels[i]) correct++;
  }
  return correct;
}
