import type { Graph, GraphNode, PoolAttrs } from '@branchscope/core';

/** One sample's activation shape in ONNX layout: [C, H, W] for maps, [F] after flatten/dense. */
export type ActivationShape = number[];

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Output length of one spatial axis of a pooling window. Ceil mode follows Caffe and ONNX: a window may
 * overhang the bottom/right edge, but one that would start inside the trailing pad is dropped.
 */
export function pooledLength(length: number, kernel: number, stride: number, padBefore: number, padAfter: number, ceil: boolean): number {
  const span = length + padBefore + padAfter - kernel;
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceil && (out - 1) * stride >= length + padBefore) out -= 1;
  return out;
}

function spatial(node: GraphNode, h: number, w: number, kernel: [number, number], strides: [number, number], pads: PoolAttrs['pads'], dil: [number, number], ceil: boolean): [number, number] {
  const oh = pooledLength(h, dil[0] * (kernel[0] - 1) + 1, strides[0], pads[0], pads[2], ceil);
  const ow = pooledLength(w, dil[1] * (kernel[1] - 1) + 1, strides[1], pads[1], pads[3], ceil);
  if (oh < 1 || ow < 1) throw new Error(`node '${node.name}': a ${h}x${w} input is too small for its ${kernel[0]}x${kernel[1]} window`);
  return [oh, ow];
}

function needsMap(node: GraphNode, shape: ActivationShape): [number, number, number] {
  if (shape.length !== 3) throw new Error(`node '${node.name}' (${node.op}) needs a [C,H,W] input, got [${shape.join(',')}]`);
  return shape as [number, number, number];
}

function outputShape(node: GraphNode, ins: ActivationShape[]): ActivationShape {
  const first = ins[0];
  switch (node.op) {
    case 'conv': {
      const a = node.conv;
      if (!a) throw new Error(`conv node '${node.name}' has no conv attributes`);
      const [c, h, w] = needsMap(node, first);
      if (c % a.group !== 0 || node.channels % a.group !== 0) {
        throw new Error(`conv node '${node.name}': ${c} input and ${node.channels} output channels are not divisible by group ${a.group}`);
      }
      return [node.channels, ...spatial(node, h, w, a.kernel, a.strides, a.pads, a.dilations, false)];
    }
    case 'maxpool':
    case 'avgpool': {
      const p = node.pool;
      if (!p) throw new Error(`${node.op} node '${node.name}' has no pool attributes`);
      const [c, h, w] = needsMap(node, first);
      return [c, ...spatial(node, h, w, p.kernel, p.strides, p.pads, [1, 1], p.ceilMode)];
    }
    case 'globalavgpool':
      return [needsMap(node, first)[0], 1, 1];
    case 'concat': {
      const axis = (node.axis ?? 1) - 1;
      if (axis < 0 || axis >= first.length) throw new Error(`concat node '${node.name}': axis ${node.axis} is out of range`);
      const out = [...first];
      out[axis] = 0;
      for (const s of ins) {
        if (s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i])) {
          throw new Error(`concat node '${node.name}': input shapes [${ins.map((x) => x.join('x')).join('], [')}] differ off axis ${node.axis}`);
        }
        out[axis] += s[axis];
      }
      return out;
    }
    case 'add':
      for (const s of ins) {
        if (s.join() !== first.join()) throw new Error(`add node '${node.name}': input shapes [${ins.map((x) => x.join('x')).join('], [')}] differ`);
      }
      return [...first];
    case 'flatten':
      return [product(first)];
    case 'dense':
      return [node.channels];
    case 'relu':
    case 'lrn':
    case 'batchnorm':
    case 'dropout':
    case 'softmax':
    case 'clip':
    case 'sigmoid':
    case 'hardsigmoid':
    case 'hardswish':
    case 'silu':
    case 'affine':
      return [...first];
    case 'mul': {
      const gate = ins[1] ?? [];
      const broadcasts = gate.length === first.length && gate.every((d, i) => d === first[i] || (i > 0 && d === 1));
      if (!broadcasts) throw new Error(`mul node '${node.name}': a [${gate.join('x')}] gate does not broadcast over [${first.join('x')}]`);
      return [...first];
    }
    case 'select':
      if ((node.select ?? []).some((c) => c < 0 || c >= first[0]!)) throw new Error(`select node '${node.name}' picks channels outside its input's ${first[0]}`);
      return [node.select!.length, ...first.slice(1)];
    case 'input':
      throw new Error(`node '${node.name}' is a second input; graphs have exactly one`);
  }
}

/**
 * Shapes of every node's output for one sample, checking the graph as it goes: inputs exist and come
 * earlier, channel counts add up, windows fit. `inputShape` overrides the graph's [C, H, W] (e.g. to run
 * the conv layers on smaller images).
 */
export function inferShapes(graph: Graph, inputShape: [number, number, number] = graph.inputShape): Map<string, ActivationShape> {
  const shapes = new Map<string, ActivationShape>();
  graph.nodes.forEach((node, i) => {
    if (shapes.has(node.name)) throw new Error(`graph '${graph.name}': node name '${node.name}' is used twice`);
    if (i === 0) {
      if (node.op !== 'input') throw new Error(`graph '${graph.name}': the first node '${node.name}' must be the input, not ${node.op}`);
      shapes.set(node.name, [...inputShape]);
      return;
    }
    if (node.inputs.length === 0) throw new Error(`node '${node.name}' (${node.op}) has no inputs`);
    const ins = node.inputs.map((name) => {
      const s = shapes.get(name);
      if (!s) throw new Error(`node '${node.name}' reads '${name}', which is not an earlier node of graph '${graph.name}'`);
      return s;
    });
    const out = outputShape(node, ins);
    if (out[0] !== node.channels) {
      throw new Error(`node '${node.name}' (${node.op}) declares ${node.channels} channels but computes ${out[0]} from [${ins.map((x) => x.join('x')).join('], [')}]`);
    }
    shapes.set(node.name, out);
  });
  if (!shapes.has(graph.output)) throw new Error(`graph '${graph.name}': output '${graph.output}' is not a node`);
  return shapes;
}
