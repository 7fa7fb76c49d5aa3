import { beforeAll, describe, expect, it } from 'vitest';
import type { ConvAttrs, Graph, GraphNode, PoolAttrs } from '@branchscope/core';
import { tinyGraph } from '@branchscope/runtime/testing';
import { useBackend } from '@branchscope/runtime/testing';
import { seededWeights } from '@branchscope/runtime';
import { buildGradientModel, generateGradientModel } from './build-gradient-model';
import { torchvisionMissing } from '@branchscope/model-import/testing';
import { ortRun, relativeError, seededFeeds, tfjsInputGradient } from './testing/gradient-check.test-support';
import { torchTrainingSteps } from './testing/torch-reference.test-support';

beforeAll(async () => {
  await useBackend('cpu');
});

type Step = Omit<GraphNode, 'name' | 'inputs'> & { name?: string; inputs?: string[] };

/** input -> steps, each reading the previous one unless it names its inputs. */
function chain(inputShape: [number, number, number], steps: Step[]): Graph {
  const nodes: GraphNode[] = [{ name: 'x', op: 'input', inputs: [], channels: inputShape[0] }];
  steps.forEach((s, i) => nodes.push({ ...s, name: s.name ?? `n${i}`, inputs: s.inputs ?? [nodes[nodes.length - 1]!.name] } as GraphNode));
  return { name: 'chain', inputShape, inputRange: [-1, 1], nodes, output: nodes[nodes.length - 1]!.name };
}

const conv = (channels: number, over: Partial<ConvAttrs> & { kernel: [number, number] }): Step => ({
  op: 'conv',
  channels,
  conv: { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1, bias: true, ...over },
});
const pool = (op: 'maxpool' | 'avgpool', channels: number, p: Partial<PoolAttrs> & { kernel: [number, number] }): Step => ({
  op,
  channels,
  pool: { strides: [1, 1], pads: [0, 0, 0, 0], ceilMode: false, ...p },
});

/** Both engines on the same seeded input and seed; returns the relative errors of the activation and of grad:input. */
async function compare(graph: Graph, options: { scale?: number; batch?: number; redirect?: 0 | 1 } = {}): Promise<{ act: number; grad: number }> {
  const layer = graph.output;
  const weights = seededWeights(graph, 7);
  const feeds = seededFeeds(graph, [layer], options.batch ?? 2);
  if (options.scale) feeds.input!.data.forEach((v, i, a) => (a[i] = v * options.scale!));
  const ref = tfjsInputGradient(graph, weights, feeds, [layer], options.redirect === 1);
  const got = await ortRun(graph, weights, { outputs: [layer], redirect: options.redirect !== undefined }, options.redirect !== undefined ? { ...feeds, redirect: options.redirect } : feeds);
  return { act: relativeError(got[layer]!.data, ref.activations[layer]!), grad: relativeError(got['grad:input']!.data, ref.grad) };
}

const cases: Array<[string, Graph, { scale?: number }?]> = [
  ['conv 3x3, pads 1', chain([3, 8, 8], [conv(5, { kernel: [3, 3], pads: [1, 1, 1, 1] })])],
  ['conv stride 2, asymmetric pads (output padding)', chain([3, 9, 10], [conv(4, { kernel: [3, 3], strides: [2, 2], pads: [1, 0, 2, 1] })])],
  ['conv stride 3, rows no window reaches', chain([2, 11, 10], [conv(3, { kernel: [2, 3], strides: [3, 3] })])],
  ['conv 7x7 stride 2 pads 3 (a stem)', chain([3, 17, 16], [conv(4, { kernel: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3] })])],
  ['grouped conv (2 groups), stride 2', chain([4, 9, 9], [conv(6, { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], group: 2 })])],
  ['grouped conv (2 groups, 3 outputs each), stride 1, asymmetric pads (a flipped, block-transposed Conv)', chain([4, 7, 8], [conv(6, { kernel: [3, 2], pads: [2, 0, 1, 1], group: 2 })])],
  ['conv stride 1, dilation 2, pads wider than the kernel (ConvTranspose)', chain([3, 6, 6], [conv(4, { kernel: [2, 2], dilations: [2, 2], pads: [3, 3, 3, 3] })])],
  ['depthwise conv, dilation 2', chain([4, 9, 9], [conv(8, { kernel: [3, 3], dilations: [2, 2], pads: [2, 2, 2, 2], group: 4 })])],
  ['depthwise conv, asymmetric pads (a flipped-kernel Conv with mirrored pads)', chain([3, 7, 8], [conv(3, { kernel: [3, 2], pads: [2, 0, 1, 1], group: 3 })])],
  ['depthwise conv, pads wider than the kernel (ConvTranspose)', chain([2, 5, 5], [conv(2, { kernel: [3, 3], pads: [3, 3, 3, 3], group: 2 })])],
  ['depthwise conv, stride 2 and dilation 2, no bias', chain([3, 11, 11], [conv(3, { kernel: [3, 3], strides: [2, 2], dilations: [2, 2], pads: [1, 2, 2, 1], group: 3, bias: false })])],
  ['relu', chain([3, 5, 5], [{ op: 'relu', channels: 3 }])],
  ['lrn size 5 (beta 0.75: square roots)', chain([7, 4, 3], [{ op: 'lrn', channels: 7, lrn: { size: 5, alpha: 0.3, beta: 0.75, bias: 1 } }]), { scale: 3 }],
  ['lrn even size 4 (beta 0.6: Pow)', chain([6, 3, 3], [{ op: 'lrn', channels: 6, lrn: { size: 4, alpha: 0.5, beta: 0.6, bias: 2 } }])],
  ['lrn beta 0.5 (square root)', chain([5, 3, 3], [{ op: 'lrn', channels: 5, lrn: { size: 3, alpha: 0.4, beta: 0.5, bias: 1 } }]), { scale: 2 }],
  ['maxpool 3x3 stride 2, ceil mode', chain([2, 8, 7], [pool('maxpool', 2, { kernel: [3, 3], strides: [2, 2], ceilMode: true })])],
  ['maxpool asymmetric pads', chain([2, 8, 7], [pool('maxpool', 2, { kernel: [3, 2], strides: [2, 1], pads: [1, 0, 2, 1] })])],
  ['maxpool pads and ceil mode', chain([2, 8, 7], [pool('maxpool', 2, { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceilMode: true })])],
  ['avgpool ceil mode', chain([2, 8, 7], [pool('avgpool', 2, { kernel: [3, 3], strides: [2, 2], ceilMode: true })])],
  ['avgpool asymmetric pads', chain([2, 8, 7], [pool('avgpool', 2, { kernel: [3, 2], strides: [2, 1], pads: [1, 0, 2, 1] })])],
  ['avgpool count_include_pad, ceil mode', chain([2, 5, 5], [pool('avgpool', 2, { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 0, 0], ceilMode: true, countIncludePad: true })])],
  ['avgpool 3x3 stride 1 pads 1 (an inception pool)', chain([2, 6, 6], [pool('avgpool', 2, { kernel: [3, 3], pads: [1, 1, 1, 1] })])],
  ['global average pool', chain([3, 5, 4], [{ op: 'globalavgpool', channels: 3 }])],
  ['batch norm (inference)', chain([3, 4, 4], [{ op: 'batchnorm', channels: 3 }])],
  ['dense on a map, dropout (inference), softmax', chain([2, 3, 3], [{ op: 'dense', channels: 5 }, { op: 'dropout', channels: 5 }, { op: 'softmax', channels: 5 }])],
  ['flatten', chain([2, 3, 3], [{ op: 'flatten', channels: 18 }])],
  ['softmax over channels of a map', chain([4, 2, 3], [{ op: 'softmax', channels: 4 }])],
  ['clip (ReLU6)', chain([3, 4, 4], [{ op: 'clip', channels: 3, clip: { min: 0, max: 0.5 } }])],
  ['sigmoid', chain([3, 4, 4], [{ op: 'sigmoid', channels: 3 }]), { scale: 4 }],
  ['hard sigmoid', chain([3, 4, 4], [{ op: 'hardsigmoid', channels: 3, hardSigmoid: { alpha: 0.2, beta: 0.5 } }]), { scale: 4 }],
  ['hard swish', chain([3, 4, 4], [{ op: 'hardswish', channels: 3 }]), { scale: 5 }],
  ['SiLU', chain([3, 4, 4], [{ op: 'silu', channels: 3 }]), { scale: 4 }],
  ['affine, one value per channel', chain([3, 4, 4], [{ op: 'affine', channels: 3, affine: { scale: [2, -1, 0.5], shift: [0.1, 0.2, 0.3] } }])],
  ['affine, one value', chain([3, 4, 4], [{ op: 'affine', channels: 3, affine: { scale: [1.5], shift: [-0.25] } }])],
  ['select, a contiguous slice', chain([5, 3, 3], [{ op: 'select', channels: 2, select: [1, 2] }])],
  ['select, a shuffle with repeats', chain([4, 3, 3], [{ op: 'select', channels: 5, select: [3, 0, 0, 2, 1] }])],
  ['select on features', chain([2, 2, 2], [{ op: 'flatten', channels: 8 }, { op: 'select', channels: 3, select: [7, 0, 3] }])],
  [
    'concat and add',
    chain([3, 5, 5], [{ ...conv(2, { kernel: [1, 1] }), name: 'a' }, { name: 'b', op: 'relu', channels: 3, inputs: ['x'] }, { op: 'concat', channels: 5, axis: 1, inputs: ['a', 'b'] }, { name: 'c', op: 'conv', channels: 5, inputs: ['n2'], conv: { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1, bias: false } }, { op: 'add', channels: 5, inputs: ['n2', 'c'] }]),
  ],
  [
    'squeeze-and-excitation gate (mul)',
    chain([4, 5, 5], [{ name: 'p', op: 'globalavgpool', channels: 4 }, { name: 's', op: 'sigmoid', channels: 4 }, { op: 'mul', channels: 4, inputs: ['x', 's'] }]),
  ],
];

describe('generated input gradients agree with tf.grad over the TF.js executor within 1e-4 relative', () => {
  for (const [label, graph, options] of cases) {
    it(label, async () => {
      const { act, grad } = await compare(graph, options);
      expect(act).toBeLessThan(1e-4);
      expect(grad).toBeLessThan(1e-4);
    });
  }

  it('every op of the tiny graph at once, seeding several layers (gradients summed)', async () => {
    const graph = tinyGraph();
    const layers = ['n1', 'cat', 'sum', 'prob'];
    const weights = seededWeights(graph, 3);
    const feeds = seededFeeds(graph, layers, 3);
    const ref = tfjsInputGradient(graph, weights, feeds, layers);
    const got = await ortRun(graph, weights, { outputs: layers }, feeds);
    expect(relativeError(got['grad:input']!.data, ref.grad)).toBeLessThan(1e-4);
    for (const l of layers) expect(relativeError(got[l]!.data, ref.activations[l]!)).toBeLessThan(1e-4);
  });
});

describe("redirected ReLU (the 'redirect' input)", () => {
  const graph = chain([3, 6, 6], [conv(4, { kernel: [3, 3], pads: [1, 1, 1, 1] }), { op: 'relu', channels: 4 }, conv(2, { kernel: [3, 3] }), { op: 'relu', channels: 2 }]);

  it('redirect = 1 matches redirectedRelu and redirect = 0 the true gradient, within 1e-4', async () => {
    for (const redirect of [0, 1] as const) {
      const { grad } = await compare(graph, { redirect, batch: 3 });
      expect(grad).toBeLessThan(1e-4);
    }
  });

  it('redirect = 1 wakes an image whose units are all dead: its gradient is non-zero where the true one is zero', async () => {
    const g = chain([2, 3, 3], [{ op: 'relu', channels: 2 }]);
    const weights = seededWeights(g, 1);
    const feeds = seededFeeds(g, ['n0'], 1);
    feeds.input!.data.forEach((v, i, a) => (a[i] = -Math.abs(v) - 0.1));
    feeds['seed:n0']!.data.fill(-1); // minimising -activation pushes x up: redirected passes it
    const [plain, woken] = await Promise.all([ortRun(g, weights, { outputs: ['n0'], redirect: true }, { ...feeds, redirect: 0 }), ortRun(g, weights, { outputs: ['n0'], redirect: true }, { ...feeds, redirect: 1 })]);
    expect(plain['grad:input']!.data.every((v) => v === 0)).toBe(true);
    expect(woken['grad:input']!.data.every((v) => v === -1)).toBe(true);
  });
});

describe('the generated graph', () => {
  it('holds only the nodes the requested layers depend on (no dense weights for a conv layer)', () => {
    const graph = tinyGraph();
    const small = buildGradientModel(graph, seededWeights(graph, 1), { outputs: ['c1'] });
    const whole = buildGradientModel(graph, seededWeights(graph, 1), { outputs: ['prob'] });
    expect(small.length).toBeLessThan(2000);
    expect(whole.length).toBeGreaterThan(small.length * 3);
  });

  it('has a symbolic batch: one model runs batches of 1 and 4', async () => {
    const graph = tinyGraph();
    const weights = seededWeights(graph, 1);
    const { bytes } = generateGradientModel(graph, weights, { outputs: ['fc'] });
    expect(bytes.length).toBeGreaterThan(0);
    for (const batch of [1, 4]) {
      const feeds = seededFeeds(graph, ['fc'], batch, graph.inputShape, `b${batch}`);
      const got = await ortRun(graph, weights, { outputs: ['fc'] }, feeds);
      expect(got['grad:input']!.dims).toEqual([batch, 3, 9, 9]);
    }
  });

  it('names the layer when asked for one the graph lacks, and a reserved layer name', () => {
    const graph = tinyGraph();
    expect(() => buildGradientModel(graph, seededWeights(graph, 1), { outputs: ['nope'] })).toThrow(/no layer 'nope'/);
    const clash = chain([1, 2, 2], [{ name: 'input', op: 'relu', channels: 1 }]);
    expect(() => buildGradientModel(clash, seededWeights(clash, 1), { outputs: ['input'] })).toThrow(/layer 'input' .* reserves/);
  });
});

describe('max pool ties', () => {
  it('send the gradient to the first maximum in row-major window order (as PyTorch)', async () => {
    const graph = chain([1, 2, 4], [pool('maxpool', 1, { kernel: [2, 2], strides: [2, 2] })]);
    const input = { data: Float32Array.from([1, 1, 0, 2, 1, 1, 2, 2]), dims: [1, 1, 2, 4] };
    const got = await ortRun(graph, seededWeights(graph, 1), { outputs: ['n0'] }, { input, 'seed:n0': { data: Float32Array.from([1, 1]), dims: [1, 1, 1, 2] } });
    expect(Array.from(got['grad:input']!.data)).toEqual([1, 0, 0, 1, 0, 0, 0, 0]);
  });
});

const torchMissing = torchvisionMissing();
if (torchMissing) console.warn(`Skipping the per-op PyTorch autograd comparisons: ${torchMissing}`);

/** Cases PyTorch's own ops express (its pools pad symmetrically; asymmetric max pools pad with -inf first). */
const TORCH_SKIPS = new Set(['avgpool asymmetric pads', 'avgpool count_include_pad, ceil mode', 'maxpool pads and ceil mode']);

describe.skipIf(torchMissing !== undefined)('generated input and weight gradients agree with PyTorch autograd within 1e-4 relative, op by op', () => {
  const torchCases = cases.filter(([label]) => !TORCH_SKIPS.has(label));
  const results = new Map<string, Array<{ name: string; error: number }>>();

  // Every case through ORT, then all of them through PyTorch in one Python process.
  beforeAll(async () => {
    const runs = [];
    for (const [label, graph, options] of torchCases) {
      const layer = graph.output;
      const weights = seededWeights(graph, 7);
      const feeds = seededFeeds(graph, [layer], 2);
      if (options?.scale) feeds.input!.data.forEach((v, i, a) => (a[i] = v * options.scale!));
      const model = generateGradientModel(graph, weights, { outputs: [layer], weightGradients: true });
      const paramFeeds = Object.fromEntries(model.params.map((p) => [p.name, { data: p.initial, dims: p.dims }]));
      const got = await ortRun(graph, weights, { outputs: [layer], weightGradients: true }, { ...feeds, ...paramFeeds });
      const spec = { graph, weights, params: model.params, input: feeds.input!, seeds: { [layer]: feeds[`seed:${layer}`]! }, masks: {}, training: false };
      runs.push({ label, got, spec, names: ['grad:input', ...model.params.map((p) => `grad:${p.name}`)] });
    }
    const wants = torchTrainingSteps(runs.map((r) => r.spec));
    runs.forEach((r, i) => results.set(r.label, r.names.map((name) => ({ name, error: relativeError(r.got[name]!.data, wants[i]![name]!) }))));
  }, 300_000);

  for (const [label] of torchCases) {
    it(label, () => {
      for (const { name, error } of results.get(label)!) expect({ name, ok: error < 1e-4 }).toEqual({ name, ok: true });
    });
  }
});
