import type { Graph, GraphNode } from './graph';
import { nodeOutputShape, type Shape } from './infer-shapes';
import { CHANNEL_PRESERVING_OPS } from './trace-producer';

const ARITY: Partial<Record<GraphNode['op'], number>> = { input: 0, mul: 2 };

/**
 * Checks that a graph is well-formed and returns every node's output shape. Throws an error naming
 * the graph and the first bad node: unknown or later inputs, wrong input count, missing attributes,
 * channel counts that do not add up (grouped convs, concat sums, add operands, gates, channel selects,
 * channel-preserving ops, flatten sizes) or spatial sizes that shrink below one pixel.
 */
export function validateGraph(graph: Graph): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  const fail = (node: GraphNode, problem: string): never => {
    throw new Error(`graph "${graph.name}": node "${node.name}" (${node.op}) ${problem}`);
  };
  const first = graph.nodes[0];
  if (!first || first.op !== 'input') throw new Error(`graph "${graph.name}": the first node must be the input`);
  if (first.channels !== graph.inputShape[0]) fail(first, `has ${first.channels} channels but inputShape says ${graph.inputShape[0]}`);
  for (const node of graph.nodes) {
    if (shapes.has(node.name)) fail(node, 'reuses a name already taken');
    if (!Number.isInteger(node.channels) || node.channels < 1) fail(node, `has ${node.channels} channels`);
    const expected = ARITY[node.op] ?? (node.op === 'concat' || node.op === 'add' ? undefined : 1);
    if (expected !== undefined && node.inputs.length !== expected) fail(node, `has ${node.inputs.length} inputs, expected ${expected}`);
    if (node.op !== 'input' && node.inputs.length === 0) fail(node, 'has no inputs');
    const inputs = node.inputs.map((name) => shapes.get(name) ?? fail(node, `reads "${name}", which is not an earlier node`));
    if (node.op === 'input') {
      if (node !== first) fail(node, 'is a second input');
      shapes.set(node.name, [...graph.inputShape]);
      continue;
    }
    checkChannels(node, inputs, fail);
    const shape = nodeOutputShape(node, inputs);
    if (shape[1] < 1 || shape[2] < 1) fail(node, `has spatial size ${shape[1]}x${shape[2]}`);
    shapes.set(node.name, shape);
  }
  if (!shapes.has(graph.output)) throw new Error(`graph "${graph.name}": output "${graph.output}" is not a node`);
  return shapes;
}

function checkChannels(node: GraphNode, inputs: Shape[], fail: (node: GraphNode, problem: string) => never): void {
  const c = inputs[0]![0];
  const spatialMismatch = inputs.some((s) => s[1] !== inputs[0]![1] || s[2] !== inputs[0]![2]);
  if (node.op === 'conv') {
    const group = node.conv?.group ?? fail(node, 'has no conv attributes');
    if (!Number.isInteger(group) || group < 1 || c % group !== 0 || node.channels % group !== 0) {
      fail(node, `has group ${group}, which must divide its ${c} input and ${node.channels} output channels`);
    }
  } else if (CHANNEL_PRESERVING_OPS.has(node.op) || node.op === 'softmax') {
    if (node.channels !== c) fail(node, `has ${node.channels} channels but its input has ${c}`);
    if (node.op === 'lrn' && !node.lrn) fail(node, 'has no lrn attributes');
    if (node.op === 'clip' && !node.clip) fail(node, 'has no clip attributes');
    if (node.op === 'hardsigmoid' && !node.hardSigmoid) fail(node, 'has no hardSigmoid attributes');
    if (node.op === 'affine') {
      const a = node.affine ?? fail(node, 'has no affine attributes');
      if (![a.scale.length, a.shift.length].every((n) => n === 1 || n === c)) fail(node, `has ${a.scale.length} scales and ${a.shift.length} shifts for ${c} channels`);
    }
  } else if (node.op === 'mul') {
    const [stream, gate] = inputs as [Shape, Shape];
    if (node.channels !== stream[0] || gate[0] !== stream[0]) fail(node, `multiplies ${stream[0]} channels by a ${gate[0]}-channel gate into ${node.channels}`);
    const gateSpatial = (gate[1] === 1 && gate[2] === 1) || (gate[1] === stream[1] && gate[2] === stream[2]);
    if (!gateSpatial) fail(node, `has a ${gate[1]}x${gate[2]} gate for a ${stream[1]}x${stream[2]} stream (a gate is 1x1 or the stream's size)`);
  } else if (node.op === 'select') {
    const select = node.select ?? fail(node, 'has no select list');
    if (select.length !== node.channels) fail(node, `selects ${select.length} channels into ${node.channels}`);
    const bad = select.find((i) => !Number.isInteger(i) || i < 0 || i >= c);
    if (bad !== undefined) fail(node, `selects channel ${bad} of an input with ${c}`);
  } else if (node.op === 'concat') {
    if ((node.axis ?? 1) !== 1) fail(node, `concatenates on axis ${node.axis}; only the channel axis 1 is supported`);
    const sum = inputs.reduce((acc, s) => acc + s[0], 0);
    if (node.channels !== sum) fail(node, `has ${node.channels} channels but its inputs sum to ${sum}`);
    if (spatialMismatch) fail(node, 'joins inputs of different spatial sizes');
  } else if (node.op === 'add') {
    if (inputs.length < 2) fail(node, 'adds fewer than two inputs');
    if (inputs.some((s) => s[0] !== node.channels)) fail(node, `adds inputs with channels ${inputs.map((s) => s[0]).join(', ')} into ${node.channels}`);
    if (spatialMismatch) fail(node, 'adds inputs of different spatial sizes');
  } else if (node.op === 'flatten') {
    const size = inputs[0]![0] * inputs[0]![1] * inputs[0]![2];
    if (node.channels !== size) fail(node, `has ${node.channels} channels but flattens ${inputs[0]!.join('x')} = ${size}`);
  }
}
