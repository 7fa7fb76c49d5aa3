import type { GraphNode } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import type { OnnxEmitter } from './onnx-emitter';

/** A parameter the generated model takes as a graph input (with `weightGradients`), in WeightSource layout. */
export interface ParamInput {
  /** `<layer>/weight`, `<layer>/bias`, `<layer>/scale` (batch norm): the names training's variables have. */
  name: string;
  dims: number[];
  /** The value the weight source holds, to feed on the first step. */
  initial: Float32Array;
}

/**
 * The ONNX values of each node's parameters: initializers read from the weight source, or, when they are
 * trained, graph inputs named as training's variables are (`<layer>/weight`, ...), created on first use.
 */
export class ParamValues {
  readonly inputs: ParamInput[] = [];
  private readonly made = new Map<string, string>();

  constructor(
    private readonly e: OnnxEmitter,
    private readonly weights: WeightSource,
    private readonly asInputs: boolean,
  ) {}

  private value(name: string, dims: number[], read: () => Float32Array, trainable: boolean): string {
    let v = this.made.get(name);
    if (!v) {
      const data = read();
      if (this.asInputs && trainable) {
        v = this.e.input(name, dims);
        this.inputs.push({ name, dims, initial: data });
      } else {
        v = this.e.floats(name, dims, data);
      }
      this.made.set(name, v);
    }
    return v;
  }

  convWeight(node: GraphNode): string {
    const w = this.weights.conv(node.name);
    const a = node.conv!;
    if (w.group !== a.group) throw new Error(`conv '${node.name}': weights have group ${w.group}, the graph says ${a.group}`);
    if (w.shape[2] !== a.kernel[0] || w.shape[3] !== a.kernel[1]) {
      throw new Error(`conv '${node.name}': weights are ${w.shape[2]}x${w.shape[3]} but the graph says a ${a.kernel[0]}x${a.kernel[1]} kernel`);
    }
    return this.value(`${node.name}/weight`, [...w.shape], () => w.data, true);
  }

  convBias(node: GraphNode): string {
    return this.value(`${node.name}/bias`, [node.channels], () => this.weights.convBias(node.name), true);
  }

  denseWeight(node: GraphNode): string {
    const w = this.weights.dense(node.name);
    return this.value(`${node.name}/weight`, [...w.shape], () => w.data, true);
  }

  denseBias(node: GraphNode): string {
    return this.value(`${node.name}/bias`, [node.channels], () => this.weights.denseBias(node.name), true);
  }

  /** Batch norm's trained scale and bias ([C]) and its epsilon, for batch statistics. */
  batchnormTrainable(node: GraphNode): { scale: string; bias: string; epsilon: number } {
    const bn = this.weights.batchnorm(node.name);
    return {
      scale: this.value(`${node.name}/scale`, [node.channels], () => bn.scale, true),
      bias: this.value(`${node.name}/bias`, [node.channels], () => bn.bias, true),
      epsilon: bn.epsilon,
    };
  }

  /** Inference batch norm folded to y = x * scale + shift, per channel (as the executor folds it). */
  batchnormFolded(node: GraphNode): { scale: Float32Array; shift: Float32Array } {
    const bn = this.weights.batchnorm(node.name);
    const scale = new Float32Array(bn.scale.length);
    const shift = new Float32Array(bn.scale.length);
    for (let c = 0; c < scale.length; c++) {
      scale[c] = bn.scale[c]! / Math.sqrt(bn.variance[c]! + bn.epsilon);
      shift[c] = bn.bias[c]! - bn.mean[c]! * scale[c]!;
    }
    return { scale, shift };
  }
}
