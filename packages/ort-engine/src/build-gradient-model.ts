import type { Graph, GraphNode } from '@branchscope/core';
import { inferShapes } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';
import { emitBackward } from './backward-ops';
import { emitForward } from './forward-ops';
import { type GradientContext } from './gradient-context';
import { OnnxEmitter, type Dim } from './onnx-emitter';
import { ParamValues, type ParamInput } from './param-values';

export interface GradientModelOptions {
  /** Layers whose activations the model outputs (`<layer>`), each taking a gradient seed input `seed:<layer>`. */
  outputs: string[];
  /** One sample's [C, H, W] the model is built for (the batch stays symbolic); default the graph's input shape. */
  inputShape?: [number, number, number];
  /** Output `grad:input` = sum over layers of seed · dActivation/dinput (default true). */
  inputGradient?: boolean;
  /** Adds a float scalar input `redirect`: 1 gives every relu Lucid's redirected gradient, 0 the true one. */
  redirect?: boolean;
  /**
   * Trainable parameters become graph inputs named as training's variables (`<layer>/weight`, `<layer>/bias`,
   * batch norm `<layer>/scale`, `<layer>/bias`) and the model outputs `grad:<param>` for each.
   */
  weightGradients?: boolean;
  /**
   * Training mode: batch norms normalise by the batch's statistics (outputs `stats:<layer>/mean` and
   * `stats:<layer>/variance`, biased, [C]) and each dropout multiplies by an input `mask:<layer>` (NCHW, the
   * activation's shape: 0 where dropped, 1 / keep elsewhere). Default false: inference, dropout is identity.
   */
  training?: boolean;
  /**
   * Adds softmax cross-entropy on this layer's [N, classes] scores against an input `labels` ([N, classes], one-hot
   * or probabilities): output `loss` (the batch mean, shape [1]) whose gradient is added to that layer's seed. A
   * layer with a loss needs no seed of its own unless it is also listed in `outputs`.
   */
  crossEntropy?: string;
}

/** A generated model: its ONNX bytes and the names of what it takes and gives. */
export interface GeneratedGradientModel {
  bytes: Uint8Array;
  /** Graph input names: `input`, seeds, `redirect`, `labels`, dropout masks, parameters. */
  inputNames: string[];
  outputNames: string[];
  /** With `weightGradients`: each parameter input, its dims and the weight source's value. */
  params: ParamInput[];
}

const RESERVED = ['input', 'redirect', 'labels', 'loss'];
const PREFIXES = ['seed:', 'grad:', 'mask:', 'stats:'];

/** Nodes the outputs depend on, in graph order. */
function requiredNodes(graph: Graph, byName: Map<string, GraphNode>, outputs: string[]): GraphNode[] {
  const needed = new Set<string>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    stack.push(...byName.get(name)!.inputs);
  }
  return graph.nodes.filter((n) => needed.has(n.name));
}

function checkNames(graph: Graph, options: GradientModelOptions, byName: Map<string, GraphNode>): void {
  const wanted = [...options.outputs, ...(options.crossEntropy ? [options.crossEntropy] : [])];
  if (wanted.length === 0) throw new Error(`buildGradientModel: no output layers requested for graph '${graph.name}'`);
  for (const layer of wanted) {
    const node = byName.get(layer);
    if (!node) throw new Error(`buildGradientModel: graph '${graph.name}' has no layer '${layer}'`);
    if (node.op === 'input') throw new Error(`buildGradientModel: '${layer}' is the graph's input, not a layer to output`);
  }
  if (new Set(options.outputs).size !== options.outputs.length) throw new Error(`buildGradientModel: output layers [${options.outputs.join(', ')}] repeat a layer`);
  for (const node of graph.nodes.slice(1)) {
    if (RESERVED.includes(node.name) || PREFIXES.some((p) => node.name.startsWith(p))) {
      throw new Error(`buildGradientModel: layer '${node.name}' of graph '${graph.name}' has a name the generated model reserves (${RESERVED.join(', ')}, ${PREFIXES.join('..., ')}...)`);
    }
  }
}

/** Which nodes need a gradient: the input (when its gradient is wanted), parameterised nodes (when theirs are), and everything downstream. */
function gradientNeeds(plan: GraphNode[], inputGradient: boolean, weightGradients: boolean, training: boolean): Set<string> {
  const needs = new Set<string>();
  const trained = training ? ['conv', 'dense', 'batchnorm'] : ['conv', 'dense'];
  for (const node of plan) {
    const own = node.op === 'input' ? inputGradient : weightGradients && trained.includes(node.op);
    if (own || node.inputs.some((i) => needs.has(i))) needs.add(node.name);
  }
  return needs;
}

/**
 * Generates one ONNX model (opset 17) computing a core graph's forward pass and, with explicit ONNX ops, its
 * backward pass: `grad:input` (dLoss/dinput for the given seeds) and, with `weightGradients`, `grad:<param>`.
 * Only the nodes the outputs depend on are included. Throws naming the op and node it cannot differentiate.
 */
export function generateGradientModel(graph: Graph, weights: WeightSource, options: GradientModelOptions): GeneratedGradientModel {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  checkNames(graph, options, byName);
  const inputShape = options.inputShape ?? graph.inputShape;
  const inputGradient = options.inputGradient ?? true;
  const weightGradients = options.weightGradients ?? false;
  const training = options.training ?? false;
  const seeds = [...options.outputs];
  const plan = requiredNodes(graph, byName, [...seeds, ...(options.crossEntropy ? [options.crossEntropy] : [])]);
  // Shapes of the needed nodes only: layers past them may not fit a smaller input (a 7x7 pool, a dense layer).
  const shapes = inferShapes({ ...graph, nodes: plan, output: plan[plan.length - 1]!.name }, inputShape);
  if (!inputGradient && !weightGradients && !options.crossEntropy && seeds.length === 0) throw new Error('buildGradientModel: nothing to compute');

  const e = new OnnxEmitter(`${graph.name} gradients`, new Set(graph.nodes.map((n) => n.name)));
  const inputNames: string[] = [];
  const declare = (name: string, dims: readonly Dim[]): string => {
    inputNames.push(name);
    return e.input(name, dims);
  };
  const inputNode = plan[0]!;
  const values = new Map<string, string>([[inputNode.name, declare('input', ['N', ...inputShape])]]);
  const seedValues = seeds.map((layer) => declare(`seed:${layer}`, ['N', ...shapes.get(layer)!]));
  const redirect = options.redirect ? declare('redirect', []) : undefined;
  const labels = options.crossEntropy ? declare('labels', ['N', ...shapes.get(options.crossEntropy)!]) : undefined;
  const params = new ParamValues(e, weights, weightGradients);
  const ctx: GradientContext = {
    e,
    params,
    shapes,
    values,
    saved: new Map(),
    training,
    redirect,
    weightGradients,
    paramGrads: new Map(),
    extraInputs: [],
    extraOutputs: [],
  };

  for (const node of plan.slice(1)) values.set(node.name, emitForward(ctx, node, node.inputs.map((i) => values.get(i)!)));

  const grads = new Map<string, string[]>();
  const contribute = (layer: string, g: string): void => {
    const list = grads.get(layer) ?? [];
    list.push(g);
    grads.set(layer, list);
  };
  seeds.forEach((layer, i) => contribute(layer, seedValues[i]!));
  let loss: string | undefined;
  if (options.crossEntropy) {
    const logits = values.get(options.crossEntropy)!;
    if (shapes.get(options.crossEntropy)!.length !== 1) throw new Error(`buildGradientModel: crossEntropy layer '${options.crossEntropy}' gives [${shapes.get(options.crossEntropy)!.join(',')}] per sample; class scores must be [classes]`);
    const axis = { axis: { i: 1 } };
    const logProbs = e.op('LogSoftmax', [logits], axis);
    const perSample = e.op('ReduceSum', [e.op('Mul', [labels!, logProbs]), e.int64Const([1])], { keepdims: { i: 0 } });
    loss = e.op('Neg', [e.op('ReduceMean', [perSample], { axes: { ints: [0] }, keepdims: { i: 1 } })]);
    // d(mean loss)/dlogits = (softmax · sum(labels) - labels) / N.
    const batch = e.op('Cast', [e.op('Slice', [e.op('Shape', [logits]), e.int64Const([0]), e.int64Const([1])])], { to: { i: 1 } });
    const total = e.op('ReduceSum', [labels!, e.int64Const([1])], { keepdims: { i: 1 } });
    contribute(options.crossEntropy, e.op('Div', [e.op('Sub', [e.op('Mul', [e.op('Exp', [logProbs]), total]), labels!]), batch]));
  }

  const needs = gradientNeeds(plan, inputGradient, weightGradients, training);
  let inputGrad: string | undefined;
  for (const node of [...plan].reverse()) {
    const parts = grads.get(node.name);
    if (!parts || !needs.has(node.name)) continue;
    const g = parts.length === 1 ? parts[0]! : e.op('Sum', parts, {}, `${node.name}/g`);
    if (node === inputNode) {
      inputGrad = g;
      continue;
    }
    const wanted = node.inputs.map((i) => needs.has(i));
    const ins = node.inputs.map((i) => values.get(i)!);
    emitBackward(ctx, node, ins, values.get(node.name)!, g, wanted).forEach((gi, i) => {
      if (gi !== undefined) contribute(node.inputs[i]!, gi);
    });
  }

  for (const mask of ctx.extraInputs) inputNames.push(mask.name);
  for (const p of params.inputs) inputNames.push(p.name);
  const outputNames: string[] = [];
  const emitOutput = (name: string, value: string, dims: readonly Dim[]): void => {
    e.output(name, value, dims);
    outputNames.push(name);
  };
  for (const layer of seeds) emitOutput(layer, values.get(layer)!, ['N', ...shapes.get(layer)!]);
  if (options.crossEntropy && !seeds.includes(options.crossEntropy)) emitOutput(options.crossEntropy, values.get(options.crossEntropy)!, ['N', ...shapes.get(options.crossEntropy)!]);
  if (loss) emitOutput('loss', loss, [1]);
  if (inputGradient) {
    // A seed that reaches no path to the input still gives a (zero) gradient of the right shape.
    emitOutput('grad:input', inputGrad ?? e.op('Mul', [values.get(inputNode.name)!, e.floatConst([0])]), ['N', ...inputShape]);
  }
  for (const p of params.inputs) {
    const g = ctx.paramGrads.get(p.name);
    if (!g) throw new Error(`buildGradientModel: no gradient reached parameter '${p.name}'`);
    emitOutput(`grad:${p.name}`, g, p.dims);
  }
  for (const o of ctx.extraOutputs) emitOutput(o.name, o.value, o.dims);
  return { bytes: e.encode(), inputNames, outputNames, params: params.inputs };
}

/** The ONNX ModelProto bytes of {@link generateGradientModel}. */
export function buildGradientModel(graph: Graph, weights: WeightSource, options: GradientModelOptions): Uint8Array {
  return generateGradientModel(graph, weights, options).bytes;
}
