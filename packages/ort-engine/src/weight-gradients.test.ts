import { smallAlexnetGraph, type ConvAttrs, type Graph, type GraphNode } from '@branchscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededArray } from '@branchscope/runtime/testing';
import { useBackend } from '@branchscope/runtime/testing';
import { tinyTrainGraph } from '@branchscope/runtime/testing';
import { logitsNode } from '@branchscope/runtime';
import { seededWeights } from '@branchscope/runtime';
import { generateGradientModel } from './build-gradient-model';
import { createOrtSession, type TensorData } from './ort-session';
import { torchvisionMissing } from '@branchscope/model-import/testing';
import { dropoutMask, relativeError, seededLabels, tfjsTrainingStep, type StepValues } from './testing/gradient-check.test-support';
import { torchTrainingStep } from './testing/torch-reference.test-support';

beforeAll(async () => {
  await useBackend('cpu');
});

interface Step {
  graph: Graph;
  batch: number;
  training: boolean;
  dropoutRate?: number;
}

/** One ORT training step (cross-entropy on the logits, weight gradients) on seeded data, with what it was fed. */
async function ortStep({ graph, batch, training, dropoutRate = 0 }: Step) {
  const weights = seededWeights(graph, 5);
  const logits = logitsNode(graph);
  const input: TensorData = { data: seededArray(batch * graph.inputShape.reduce((a, b) => a * b, 1), 'step/input'), dims: [batch, ...graph.inputShape] };
  const labels = seededLabels(batch, logits.channels, 'step/labels');
  const model = generateGradientModel(graph, weights, { outputs: [], crossEntropy: logits.name, weightGradients: true, training });
  const feeds: Record<string, TensorData> = { input, labels };
  const masks: Record<string, TensorData> = {};
  for (const p of model.params) feeds[p.name] = { data: p.initial, dims: p.dims };
  for (const name of model.inputNames.filter((n) => n.startsWith('mask:'))) {
    const node = name.slice('mask:'.length);
    const width = graph.nodes.find((n) => n.name === node)!.channels;
    masks[node] = feeds[name] = { data: dropoutMask(batch * width, dropoutRate, `${DROPOUT_KEY}/${node}`), dims: [batch, width] };
  }
  const session = await createOrtSession(model.bytes, { threads: 1 });
  try {
    const out = await session.run(feeds);
    const ort: StepValues = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data]));
    return { ort, outputs: model.outputNames, weights, input, labels, masks, params: model.params, logits: logits.name };
  } finally {
    await session.release();
  }
}

const DROPOUT_KEY = 'step/dropout';

/** The ORT step and the same step in TF.js (training's TrainableModel, masks drawn as training draws them). */
async function bothSteps(step: Step): Promise<{ ort: StepValues; tfjs: StepValues; outputs: string[] }> {
  const { ort, outputs, weights, input, labels } = await ortStep(step);
  const tfjs = tfjsTrainingStep(step.graph, weights, input, labels, { training: step.training, dropoutRate: step.training ? (step.dropoutRate ?? 0) : 0, dropoutKey: DROPOUT_KEY });
  return { ort, tfjs, outputs };
}

/** Every ORT output TF.js also computes (loss, parameter and input gradients, batch statistics) within 1e-4 relative. */
function expectAgreement({ ort, tfjs, outputs }: { ort: StepValues; tfjs: StepValues; outputs: string[] }, expectedParams: number): void {
  // `tfjs`: the reference engine's values (TF.js or PyTorch).
  const compared = outputs.filter((name) => name in tfjs);
  expect(compared.filter((n) => n.startsWith('grad:') && n !== 'grad:input').length).toBe(expectedParams);
  for (const name of compared) {
    // A conv bias right before a training-mode batch norm has a zero gradient in exact arithmetic: both engines give
    // rounding noise there, so it is held to an absolute bound instead.
    const largest = (a: Float32Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const exactZero = largest(tfjs[name]!) < 1e-6;
    const ok = exactZero ? largest(ort[name]!) < 1e-6 : relativeError(ort[name]!, tfjs[name]!) < 1e-4;
    expect({ name, ok }).toEqual({ name, ok: true });
  }
}

const convNet = (inputShape: [number, number, number], over: Partial<ConvAttrs> & { kernel: [number, number] }, channels: number): Graph => {
  const nodes: GraphNode[] = [
    { name: 'x', op: 'input', inputs: [], channels: inputShape[0] },
    { name: 'c', op: 'conv', inputs: ['x'], channels, conv: { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1, bias: true, ...over } },
    { name: 'f', op: 'flatten', inputs: ['c'], channels: 0 },
    { name: 'fc', op: 'dense', inputs: ['f'], channels: 3 },
  ];
  return { name: 'conv net', inputShape, inputRange: [-1, 1], nodes, output: 'fc' };
};

/** Sets the flatten's channel count from the conv's output size. */
function sized(graph: Graph, oh: number, ow: number): Graph {
  const c = graph.nodes[1]!;
  graph.nodes[2]!.channels = c.channels * oh * ow;
  return graph;
}

describe('weight gradients (weightGradients: true) agree with tf.variableGrads over training\'s TrainableModel within 1e-4 relative', () => {
  const convs: Array<[string, Graph]> = [
    ['conv 3x3 pads 1', sized(convNet([3, 6, 6], { kernel: [3, 3], pads: [1, 1, 1, 1] }, 4), 6, 6)],
    ['conv stride 2, asymmetric pads', sized(convNet([3, 9, 10], { kernel: [3, 3], strides: [2, 2], pads: [1, 0, 2, 1] }, 4), 5, 5)],
    ['conv stride 3, rows no window reaches', sized(convNet([2, 11, 10], { kernel: [2, 3], strides: [3, 3] }, 3), 4, 3)],
    ['conv 7x7 stride 2 pads 3 (a stem)', sized(convNet([3, 12, 12], { kernel: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3] }, 4), 6, 6)],
    ['grouped conv (2 groups), stride 2, no bias', sized(convNet([4, 9, 9], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], group: 2, bias: false }, 6), 5, 5)],
    ['depthwise conv (channel multiplier 2)', sized(convNet([3, 7, 7], { kernel: [3, 3], pads: [1, 1, 1, 1], group: 3 }, 6), 7, 7)],
  ];
  for (const [label, graph] of convs) {
    it(label, async () => {
      const conv = graph.nodes[1]!.conv!;
      expectAgreement(await bothSteps({ graph, batch: 3, training: false }), conv.bias ? 4 : 3);
    });
  }

  it('the tiny trainable graph in training mode: batch-norm batch statistics, a dropout mask, grouped strided conv, dense', async () => {
    const result = await bothSteps({ graph: tinyTrainGraph(), batch: 4, training: true, dropoutRate: 0.5 });
    expect(result.outputs).toContain('stats:bn1/mean');
    expectAgreement(result, 9);
  });

  it('the tiny trainable graph at inference (batch norm folded, dropout identity)', async () => {
    expectAgreement(await bothSteps({ graph: tinyTrainGraph(), batch: 2, training: false }), 7);
  });

  it('the small 2-branch AlexNet training uses (32 px, grouped conv2/4/5, LRN, dropout)', { timeout: 120_000 }, async () => {
    expectAgreement(await bothSteps({ graph: smallAlexnetGraph({ branches: 2, classes: 10, inputSize: 32 }), batch: 2, training: true, dropoutRate: 0.5 }), 14);
  });
});

const missing = torchvisionMissing();
if (missing) console.warn(`Skipping the PyTorch autograd weight-gradient comparisons: ${missing}`);

describe.skipIf(missing !== undefined)('weight gradients agree with PyTorch autograd within 1e-4 relative', () => {
  const againstTorch = async (step: Step, expectedParams: number): Promise<void> => {
    const s = await ortStep(step);
    const torch = torchTrainingStep({ graph: step.graph, weights: s.weights, params: s.params, input: s.input, labels: s.labels, masks: s.masks, training: step.training, logits: s.logits });
    expectAgreement({ ort: s.ort, tfjs: torch, outputs: s.outputs }, expectedParams);
  };

  it('the small 2-branch AlexNet in training mode (grouped convs, LRN, max pools, a dropout mask)', { timeout: 120_000 }, async () => {
    await againstTorch({ graph: smallAlexnetGraph({ branches: 2, classes: 10, inputSize: 32 }), batch: 4, training: true, dropoutRate: 0.5 }, 14);
  });

  it('the tiny trainable graph in training mode (batch-norm batch statistics)', { timeout: 120_000 }, async () => {
    await againstTorch({ graph: tinyTrainGraph(), batch: 4, training: true, dropoutRate: 0.5 }, 9);
  });

  it('dilated, strided, grouped and depthwise convs (which training on TF.js cannot differentiate dilated)', { timeout: 120_000 }, async () => {
    await againstTorch({ graph: sized(convNet([4, 13, 12], { kernel: [3, 3], strides: [2, 2], dilations: [2, 2], pads: [2, 1, 1, 2], group: 2 }, 6), 6, 6), batch: 3, training: false }, 4);
    await againstTorch({ graph: sized(convNet([3, 9, 9], { kernel: [3, 3], dilations: [3, 3], pads: [3, 3, 3, 3], group: 3 }, 3), 9, 9), batch: 2, training: false }, 4);
  });
});
