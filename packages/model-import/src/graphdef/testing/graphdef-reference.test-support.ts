import * as tf from '@tensorflow/tfjs-core';
import { attrFloat, attrInts, attrString, dataInputs, type GraphDefNode } from '../../tfjs-import/graph-def';
import type { GraphDefNodes } from '../graphdef-nodes';
import { tensorValue } from '../tensor-value';

const pair = (v: number[]): [number, number] => [v[1]!, v[2]!];
const pad = (node: GraphDefNode): 'same' | 'valid' => (attrString(node, 'padding') === 'SAME' ? 'same' : 'valid');

/** One op as TensorFlow defines it, on NHWC tensors with HWIO kernels, by TF.js's own TF-semantics kernels. */
function apply(node: GraphDefNode, xs: tf.Tensor[]): tf.Tensor {
  const x = xs[0]!;
  switch (node.op) {
    case 'Identity':
      return x;
    case 'Conv2D':
      return tf.conv2d(x as tf.Tensor4D, xs[1] as tf.Tensor4D, pair(attrInts(node, 'strides')), pad(node));
    case 'BiasAdd':
    case 'Add':
    case 'AddV2':
      return tf.add(x, xs[1]!);
    case 'Relu':
      return tf.relu(x);
    case 'LRN':
      return tf.localResponseNormalization(x as tf.Tensor4D, Number(node.attr?.depth_radius?.i ?? 5), attrFloat(node, 'bias', 1), attrFloat(node, 'alpha', 1), attrFloat(node, 'beta', 0.5));
    case 'MaxPool':
      return tf.maxPool(x as tf.Tensor4D, pair(attrInts(node, 'ksize')), pair(attrInts(node, 'strides')), pad(node));
    case 'AvgPool':
      return tf.avgPool(x as tf.Tensor4D, pair(attrInts(node, 'ksize')), pair(attrInts(node, 'strides')), pad(node));
    case 'ConcatV2':
      return tf.concat(xs.slice(0, -1), xs[xs.length - 1]!.dataSync()[0]);
    case 'Concat':
      return tf.concat(xs.slice(1), x.dataSync()[0]);
    case 'Reshape':
      return tf.reshape(x, [...xs[1]!.dataSync()]);
    case 'MatMul':
      return tf.matMul(x as tf.Tensor2D, xs[1] as tf.Tensor2D);
    case 'Softmax':
      return tf.softmax(x);
    default:
      throw new Error(`reference runner: op ${node.op} of '${node.name}' is not implemented`);
  }
}

/**
 * Runs decoded GraphDef nodes as TensorFlow would (independently of the importer's conversion to the layer graph):
 * returns the named nodes' values for an NHWC `input` fed to the Placeholder. The caller disposes the results.
 */
export function runGraphDefReference(decoded: GraphDefNodes, input: tf.Tensor4D, outputs: string[]): Record<string, tf.Tensor> {
  const byName = new Map(decoded.nodes.map((n) => [n.name, n]));
  return tf.tidy(() => {
    const values = new Map<string, tf.Tensor>();
    const value = (name: string): tf.Tensor => {
      const known = values.get(name);
      if (known) return known;
      const node = byName.get(name)!;
      let v: tf.Tensor;
      if (node.op === 'Placeholder') v = input;
      else if (node.op === 'Const') {
        const w = tensorValue(decoded.tensors.get(name)!, name);
        v = tf.tensor(w.data, w.shape);
      } else v = apply(node, dataInputs(node).map((r) => value(r.node)));
      values.set(name, v);
      return v;
    };
    return Object.fromEntries(outputs.map((o) => [o, value(o)]));
  });
}
