import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@branchscope/core';
import { applyConv } from './conv';
import { flattenNchw, nhwcAxis } from './layout';
import { lrn } from './lrn';
import type { ParamStore } from './params';
import { avgPool, globalAvgPool, maxPool } from './pool';

/** Where a node's parameters come from: the executor's constant {@link ParamStore}, or training's variables. */
export type NodeParams = Pick<ParamStore, 'conv' | 'dense' | 'affine'>;

const hardSigmoid = (x: tf.Tensor, alpha: number, beta: number): tf.Tensor => tf.clipByValue(tf.add(tf.mul(x, alpha), beta), 0, 1);

function map4d(node: GraphNode, x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`${node.op} '${node.name}' expects a 4-D input, got shape [${x.shape.join(',')}]`);
  return x as tf.Tensor4D;
}

function dense(node: GraphNode, x: tf.Tensor, params: NodeParams): tf.Tensor2D {
  const { weight, bias } = params.dense(node);
  const flat = flattenNchw(x);
  if (flat.shape[1] !== weight.shape[1]) {
    throw new Error(
      `dense '${node.name}' expects ${weight.shape[1]} input features, got ${flat.shape[1]} (is the input image the size the graph was built for?)`,
    );
  }
  return tf.add(tf.matMul(flat, weight, false, true), bias);
}

/** Evaluates one graph node on NHWC (or 2-D) inputs. Must run inside a tidy. */
export function applyNode(node: GraphNode, inputs: tf.Tensor[], params: NodeParams): tf.Tensor {
  const x = inputs[0];
  switch (node.op) {
    case 'conv':
      return applyConv(node.name, map4d(node, x), node.conv!, params.conv(node));
    case 'relu':
      return tf.relu(x);
    case 'lrn':
      return lrn(node.name, x, node.lrn!);
    case 'maxpool':
      return maxPool(map4d(node, x), node.pool!);
    case 'avgpool':
      return avgPool(map4d(node, x), node.pool!);
    case 'globalavgpool':
      return globalAvgPool(map4d(node, x));
    case 'concat':
      return tf.concat(inputs, nhwcAxis(node.axis ?? 1, x.rank));
    case 'add':
      return inputs.length === 2 ? tf.add(inputs[0], inputs[1]) : tf.addN(inputs);
    case 'batchnorm': {
      const { scale, shift } = params.affine(node);
      return tf.add(tf.mul(x, scale), shift);
    }
    case 'dense':
      return dense(node, x, params);
    case 'flatten':
      return flattenNchw(x);
    case 'dropout':
      return x;
    case 'softmax':
      // Over channels: the last axis both for [N, F] and for NHWC maps.
      return tf.softmax(x);
    case 'clip':
      return tf.clipByValue(x, node.clip!.min, node.clip!.max);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'hardsigmoid':
      return hardSigmoid(x, node.hardSigmoid!.alpha, node.hardSigmoid!.beta);
    case 'hardswish':
      return tf.mul(x, hardSigmoid(x, 1 / 6, 0.5));
    case 'silu':
      return tf.mul(x, tf.sigmoid(x));
    case 'mul':
      // NHWC: a [N, 1, 1, C] gate broadcasts over the stream's pixels.
      return tf.mul(x, inputs[1]);
    case 'affine':
      // Channels are the last axis both for [N, F] and for NHWC maps.
      return tf.add(tf.mul(x, tf.tensor1d(node.affine!.scale)), tf.tensor1d(node.affine!.shift));
    case 'select':
      return tf.gather(x, tf.tensor1d(node.select!, 'int32'), x.rank - 1);
    case 'input':
      throw new Error(`node '${node.name}' is a second input; graphs have exactly one`);
  }
}
