import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@branchscope/core';
import type { WeightSource } from '../weights/weight-source';
import { prepareConv, type ConvParams } from './conv';

export interface DenseParams {
  /** [out, in], multiplied transposed so ONNX's layout needs no copy. */
  weight: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Batch norm folded to y = x * scale + shift, per channel. */
export interface AffineParams {
  scale: tf.Tensor1D;
  shift: tf.Tensor1D;
}

/**
 * A model's weight tensors, made from the weight source the first time a node runs, so layers that are
 * never evaluated (fc6 while visualizing conv features) never occupy memory. All are `tf.keep`-ed: they are
 * created inside predict, possibly inside a caller's tidy, yet live until {@link ParamStore.dispose}.
 */
export class ParamStore {
  private readonly convs = new Map<string, ConvParams>();
  private readonly denses = new Map<string, DenseParams>();
  private readonly affines = new Map<string, AffineParams>();

  constructor(private readonly weights: WeightSource) {}

  conv(node: GraphNode): ConvParams {
    let p = this.convs.get(node.name);
    if (!p) {
      const w = this.weights.conv(node.name);
      if (w.group !== node.conv!.group) {
        throw new Error(`conv '${node.name}': weights have group ${w.group}, the graph says ${node.conv!.group}`);
      }
      p = prepareConv(node.name, node.conv!, w, node.conv!.bias ? this.weights.convBias(node.name) : null);
      this.convs.set(node.name, p);
    }
    return p;
  }

  dense(node: GraphNode): DenseParams {
    let p = this.denses.get(node.name);
    if (!p) {
      const w = this.weights.dense(node.name);
      p = { weight: tf.keep(tf.tensor2d(w.data, w.shape)), bias: tf.keep(tf.tensor1d(this.weights.denseBias(node.name))) };
      this.denses.set(node.name, p);
    }
    return p;
  }

  affine(node: GraphNode): AffineParams {
    let p = this.affines.get(node.name);
    if (!p) {
      const bn = this.weights.batchnorm(node.name);
      const scale = new Float32Array(bn.scale.length);
      const shift = new Float32Array(bn.scale.length);
      for (let c = 0; c < scale.length; c++) {
        scale[c] = bn.scale[c] / Math.sqrt(bn.variance[c] + bn.epsilon);
        shift[c] = bn.bias[c] - bn.mean[c] * scale[c];
      }
      p = { scale: tf.keep(tf.tensor1d(scale)), shift: tf.keep(tf.tensor1d(shift)) };
      this.affines.set(node.name, p);
    }
    return p;
  }

  dispose(): void {
    for (const p of this.convs.values()) tf.dispose([...p.filters, ...(p.bias ? [p.bias] : [])]);
    for (const p of this.denses.values()) tf.dispose([p.weight, p.bias]);
    for (const p of this.affines.values()) tf.dispose([p.scale, p.shift]);
    this.convs.clear();
    this.denses.clear();
    this.affines.clear();
  }
}
