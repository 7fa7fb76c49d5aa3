import type { Graph, GraphNode } from '@branchscope/core';
import { inferShapes } from '@branchscope/runtime';
import { nchwFeatureIndex } from '../../tfjs-import/tf-layouts';
import { explicitPads } from '../../tfjs-import/window-padding';
import type { WeightSource } from '@branchscope/runtime';
import { constNode, float, int, ints, op, placeholder, str, type AttrObject, type NodeObject } from './graphdef-builders.test-support';

export interface GraphDefTwinOptions {
  /** `ConcatV2` (axis last, as model-zoo.md lists for Lucid's file) or the old `Concat` (axis first, inception5h). */
  concat?: 'ConcatV2' | 'Concat';
  /** Whether the Placeholder declares [-1, H, W, C] (default: no shape at all, as TF1-era graphs write it). */
  declareInputShape?: boolean;
  /** Read this existing TF tensor instead of writing a Placeholder for the graph's input (auxiliary heads). */
  inputFrom?: string;
}

/** OIHW [out, in, kh, kw] to TF's HWIO [kh, kw, in, out]. */
function oihwToHwio([o, i, kh, kw]: readonly number[], data: Float32Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) out[((y * kw + x) * i + b) * o + a] = data[((a * i + b) * kh + y) * kw + x]!;
  return out;
}

/** Graph dense [out, in] (inputs in NCHW flatten order) to TF's [in, out] over a channels-last flatten of `from`. */
function denseToTf([o, i]: readonly number[], data: Float32Array, from: [number, number, number] | undefined): Float32Array {
  const out = new Float32Array(data.length);
  for (let k = 0; k < i; k++) {
    const col = from ? nchwFeatureIndex(k, from) : k;
    for (let a = 0; a < o; a++) out[k * o + a] = data[a * i + col]!;
  }
  return out;
}

/** TF padding attributes giving `pads` for a window over [h, w]: SAME or VALID when they do, else EXPLICIT. */
function padding(pads: readonly number[], hw: [number, number], kernel: [number, number], strides: [number, number]): Record<string, AttrObject> {
  const same = explicitPads(hw, kernel, strides, [1, 1], 'same');
  if (same.every((p, i) => p === pads[i])) return { padding: str('SAME') };
  if (pads.every((p) => p === 0)) return { padding: str('VALID') };
  const [t, l, b, r] = pads as [number, number, number, number];
  return { padding: str('EXPLICIT'), explicit_paddings: ints([0, 0, t, b, l, r, 0, 0]) };
}

const window = (k: [number, number]): AttrObject => ints([1, k[0], k[1], 1]);

/**
 * Writes a core graph and its weights as a frozen TensorFlow GraphDef the way Lucid's InceptionV1 is written: NHWC,
 * HWIO kernels in Const nodes, a conv layer `X` as Conv2D `X_pre_relu/conv` + BiasAdd `X_pre_relu` (+ Relu `X`
 * for the graph's `X_relu`), a dense layer `D` as MatMul `D/matmul` + BiasAdd `D`, a flatten `Y_flatten` as Reshape
 * `Y/reshape`; pools, LRN (in TF's depth_radius terms), Concat and Softmax keep the graph's names. Returns the nodes
 * and the TF tensor that holds the graph's output.
 */
export function graphDefTwinNodes(graph: Graph, weights: WeightSource, options: GraphDefTwinOptions = {}): { nodes: NodeObject[]; output: string } {
  const shapes = inferShapes(graph);
  const nodes: NodeObject[] = [];
  const tf = new Map<string, string>();
  const hw = (name: string): [number, number] => shapes.get(name)!.slice(1, 3) as [number, number];
  const convOf = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    const x = n.inputs.map((i) => tf.get(i)!);
    switch (n.op) {
      case 'input':
        if (options.inputFrom) tf.set(n.name, options.inputFrom);
        else {
          const [c, h, w] = graph.inputShape;
          nodes.push(placeholder(n.name, options.declareInputShape ? [-1, h, w, c] : undefined));
          tf.set(n.name, n.name);
        }
        break;
      case 'conv': {
        const a = n.conv!;
        const k = weights.conv(n.name);
        nodes.push(constNode(`${n.name}_w`, [a.kernel[0], a.kernel[1], k.shape[1], k.shape[0]], oihwToHwio(k.shape, k.data)));
        const conv = op(`${n.name}_pre_relu/conv`, 'Conv2D', [x[0]!, `${n.name}_w`], {
          strides: window(a.strides),
          data_format: str('NHWC'),
          use_cudnn_on_gpu: { b: true },
          ...padding(a.pads, hw(n.inputs[0]!), a.kernel, a.strides),
        });
        nodes.push(conv);
        if (a.bias) {
          nodes.push(constNode(`${n.name}_b`, [n.channels], weights.convBias(n.name)));
          nodes.push(op(`${n.name}_pre_relu`, 'BiasAdd', [conv.name, `${n.name}_b`], { data_format: str('NHWC') }));
        }
        tf.set(n.name, a.bias ? `${n.name}_pre_relu` : conv.name);
        convOf.set(n.name, n);
        break;
      }
      case 'relu': {
        const name = n.name === `${n.inputs[0]}_relu` && convOf.has(n.inputs[0]!) ? n.inputs[0]! : n.name;
        nodes.push(op(name, 'Relu', x));
        tf.set(n.name, name);
        break;
      }
      case 'lrn': {
        const l = n.lrn!;
        if (l.size % 2 !== 1) throw new Error(`graphDefTwin: LRN '${n.name}' has even size ${l.size}, which TF's depth_radius cannot express`);
        nodes.push(op(n.name, 'LRN', x, { depth_radius: int((l.size - 1) / 2), alpha: float(l.alpha / l.size), beta: float(l.beta), bias: float(l.bias) }));
        tf.set(n.name, n.name);
        break;
      }
      case 'maxpool':
      case 'avgpool': {
        const p = n.pool!;
        if (p.ceilMode) throw new Error(`graphDefTwin: pool '${n.name}' uses ceil mode, which TF does not have`);
        const attrs = { ksize: window(p.kernel), strides: window(p.strides), data_format: str('NHWC'), ...padding(p.pads, hw(n.inputs[0]!), p.kernel, p.strides) };
        nodes.push(op(n.name, n.op === 'maxpool' ? 'MaxPool' : 'AvgPool', x, attrs));
        tf.set(n.name, n.name);
        break;
      }
      case 'concat': {
        const axis = `${n.name}/${options.concat === 'Concat' ? 'concat_dim' : 'axis'}`;
        nodes.push(constNode(axis, [], Int32Array.of(3)));
        const inputs = options.concat === 'Concat' ? [axis, ...x] : [...x, axis];
        nodes.push({ ...op(n.name, options.concat ?? 'ConcatV2', inputs, { N: int(x.length) }) });
        tf.set(n.name, n.name);
        break;
      }
      case 'flatten': {
        const from = n.inputs[0]!;
        const name = n.name === `${from}_flatten` ? `${from}/reshape` : n.name;
        nodes.push(constNode(`${name}/shape`, [2], Int32Array.of(-1, n.channels)));
        nodes.push(op(name, 'Reshape', [x[0]!, `${name}/shape`], { Tshape: { type: 3 } }));
        tf.set(n.name, name);
        break;
      }
      case 'dense': {
        const d = weights.dense(n.name);
        const source = graph.nodes.find((m) => m.name === n.inputs[0]);
        const [c, h, w] = source?.op === 'flatten' ? shapes.get(source.inputs[0]!)! : [0, 1, 1];
        const permuted = h! * w! > 1 ? ([h, w, c] as [number, number, number]) : undefined;
        nodes.push(constNode(`${n.name}_w`, [d.shape[1], d.shape[0]], denseToTf(d.shape, d.data, permuted)));
        nodes.push(op(`${n.name}/matmul`, 'MatMul', [x[0]!, `${n.name}_w`], { transpose_a: { b: false }, transpose_b: { b: false } }));
        nodes.push(constNode(`${n.name}_b`, [n.channels], weights.denseBias(n.name)));
        nodes.push(op(n.name, 'BiasAdd', [`${n.name}/matmul`, `${n.name}_b`]));
        tf.set(n.name, n.name);
        break;
      }
      case 'softmax':
        nodes.push(op(n.name, 'Softmax', x));
        tf.set(n.name, n.name);
        break;
      default:
        throw new Error(`graphDefTwin: op '${n.op}' of '${n.name}' is not written`);
    }
  }
  return { nodes, output: tf.get(graph.output)! };
}
