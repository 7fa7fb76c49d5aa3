import type { Graph, GraphNode } from '@branchscope/core';
import { fillNormal } from '@branchscope/runtime';
import { windowLength } from '../ops/window';
import { a, OnnxBuilder } from './onnx-builder.test-support';

/** A generated model file with the zoo's topology and tensor names, and how to feed it. */
export interface ZooTwin {
  bytes: Uint8Array;
  input: string;
  output: string;
  /** NCHW input shape, batch 1. */
  inputShape: [number, number, number, number];
}

const normal = (n: number, key: string, std: number): Float32Array => fillNormal(new Float32Array(n), key, std);
const offset = (values: Float32Array, by: number): Float32Array => values.map((v) => v + by);

type Shape = [number, number, number];

function outShape(node: GraphNode, ins: Shape[]): Shape {
  const [c, h, w] = ins[0]!;
  const win = node.conv ?? node.pool;
  if (win) {
    const ceil = node.pool?.ceilMode ?? false;
    const d = node.conv?.dilations ?? [1, 1];
    const oh = windowLength(h, win.kernel[0], win.strides[0], d[0], win.pads[0], win.pads[2], ceil);
    const ow = windowLength(w, win.kernel[1], win.strides[1], d[1], win.pads[1], win.pads[3], ceil);
    return [node.op === 'conv' ? node.channels : c, oh, ow];
  }
  if (node.op === 'concat') return [ins.reduce((s, x) => s + x[0], 0), h, w];
  if (node.op === 'flatten') return [c * h * w, 1, 1];
  if (node.op === 'dense') return [node.channels, 1, 1];
  return [c, h, w];
}

/**
 * A Caffe2-exported twin of a BVLC graph, as the ONNX zoo's bvlcalexnet and googlenet are: unnamed nodes, blobs
 * written `<layer>_1`, in-place ReLU/Dropout bumping the suffix (conv1_2), weights `<layer>_w_0`/`_b_0`, the
 * flatten as Reshape `OC2_DUMMY_0` of shape `OC2_DUMMY_1`, and Caffe's ceil-mode pools as extra end pads.
 * `size` shrinks the input (the topology, widths and names stay); weights are seeded He-normal.
 */
export function caffe2Twin(graph: Graph, options: { size: number; seed: number; opset: number }): ZooTwin {
  const { size, seed, opset } = options;
  const b = new OnnxBuilder(graph.name, opset);
  const shapes = new Map<string, Shape>();
  const tensor = new Map<string, string>();
  const writes = new Map<string, number>();
  const blobOf = new Map<string, string>();
  const write = (blob: string): string => {
    const n = (writes.get(blob) ?? 0) + 1;
    writes.set(blob, n);
    return `${blob}_${n}`;
  };
  for (const node of graph.nodes) {
    if (node.op === 'input') {
      shapes.set(node.name, [node.channels, size, size]);
      tensor.set(node.name, node.name);
      blobOf.set(node.name, node.name);
      b.input(node.name, [1, node.channels, size, size]);
      continue;
    }
    const ins = node.inputs.map((i) => shapes.get(i)!);
    const shape = outShape(node, ins);
    shapes.set(node.name, shape);
    const x = tensor.get(node.inputs[0]!)!;
    const inPlace = node.op === 'relu' || node.op === 'dropout';
    const blob = inPlace ? blobOf.get(node.inputs[0]!)! : node.name;
    blobOf.set(node.name, blob);
    const out = node.op === 'flatten' ? 'OC2_DUMMY_0' : write(blob);
    tensor.set(node.name, out);
    const key = `${seed}/${node.name}`;
    switch (node.op) {
      case 'conv': {
        const c = node.conv!;
        const fanIn = (ins[0]![0] / c.group) * c.kernel[0] * c.kernel[1];
        const w = b.floats(`${node.name}_w_0`, [node.channels, ins[0]![0] / c.group, ...c.kernel], normal(node.channels * fanIn, key, Math.sqrt(2 / fanIn)));
        const bias = b.floats(`${node.name}_b_0`, [node.channels], normal(node.channels, `${key}/b`, 0.05));
        b.node('Conv', [x, w, bias], [out], { kernel_shape: a.ints(c.kernel), pads: a.ints(c.pads), strides: a.ints(c.strides), dilations: a.ints(c.dilations), group: a.int(c.group) });
        break;
      }
      case 'maxpool':
      case 'avgpool': {
        const p = node.pool!;
        const [, h, w] = ins[0]!;
        // Caffe rounds pooled sizes up; ONNX files from Caffe2 say so with extra bottom/right padding.
        const extra = [h, w].map((s, i) => Math.max(0, (shape[i + 1]! - 1) * p.strides[i]! + p.kernel[i]! - (s + p.pads[i]! + p.pads[i + 2]!)));
        const pads = [p.pads[0], p.pads[1], p.pads[2] + extra[0]!, p.pads[3] + extra[1]!];
        b.node(node.op === 'maxpool' ? 'MaxPool' : 'AveragePool', [x], [out], { kernel_shape: a.ints(p.kernel), pads: a.ints(pads), strides: a.ints(p.strides) });
        break;
      }
      case 'relu':
        b.node('Relu', [x], [out]);
        break;
      case 'lrn': {
        const l = node.lrn!;
        b.node('LRN', [x], [out], { size: a.int(l.size), alpha: a.float(l.alpha), beta: a.float(l.beta), bias: a.float(l.bias) });
        break;
      }
      case 'concat':
        b.node('Concat', node.inputs.map((i) => tensor.get(i)!), [out], { axis: a.int(1) });
        break;
      case 'dropout':
        b.node('Dropout', [x], [out, `_${blob}_mask_1`], opset < 12 ? { ratio: a.float(0.5) } : {});
        break;
      case 'flatten':
        b.node('Reshape', [x, b.int64s('OC2_DUMMY_1', [1, shape[0]])], [out]);
        break;
      case 'dense': {
        const inputs = ins[0]![0];
        const w = b.floats(`${node.name}_w_0`, [node.channels, inputs], normal(node.channels * inputs, key, Math.sqrt(1 / inputs)));
        const bias = b.floats(`${node.name}_b_0`, [node.channels], normal(node.channels, `${key}/b`, 0.05));
        b.node('Gemm', [x, w, bias], [out], { transB: a.int(1) });
        break;
      }
      case 'softmax':
        b.node('Softmax', [x], [out]);
        break;
      default:
        throw new Error(`caffe2Twin: no Caffe2 export for ${node.op} '${node.name}'`);
    }
  }
  const output = tensor.get(graph.output)!;
  b.output(output, [1, shapes.get(graph.output)![0]]);
  return { bytes: b.encode(), input: graph.nodes[0]!.name, output, inputShape: [1, graph.inputShape[0], size, size] };
}
