import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphNode } from '@branchscope/core';
import '../gradients';
import { applyNode, type NodeParams } from './apply-node';
import type { ConvParams } from './conv';
import { inferShapes } from '../graph/infer-shapes';
import type { WeightSource } from '../weights/weight-source';
import { dropout } from './dropout';

/** Running statistics move this far towards each batch's (PyTorch's momentum 0.1). */
const STATS_MOMENTUM = 0.9;

export interface ForwardOptions {
  /** Batch statistics in batch norms, dropout on (true); or running statistics, no dropout (false). */
  training: boolean;
  /** Dropout rate of the graph's dropout nodes while training. */
  dropoutRate?: number;
  /** Seeded-stream key prefix for dropout masks; each node appends its name. */
  dropoutKey?: string;
}

/** The layer kinds a tensor belongs to, kept with checkpoints so they can be read back as a WeightSource. */
export type LayerInfo = { op: 'conv'; group: number; bias: boolean } | { op: 'dense' } | { op: 'batchnorm'; epsilon: number };

/** The node whose output is the class scores: the softmax's input when the graph ends in a softmax. */
export function logitsNode(graph: Graph): GraphNode {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const out = byName.get(graph.output)!;
  return out.op === 'softmax' ? byName.get(out.inputs[0])! : out;
}

/**
 * A graph's parameters as TF.js variables in the `WeightSource` layouts (conv OIHW, dense [out, in]), named
 * `<layer>/weight`, `<layer>/bias`, and for batch norms `<layer>/scale`, `<layer>/bias` (trainable) plus
 * `<layer>/mean`, `<layer>/variance` (running statistics). The executor's node implementations run on them,
 * so a trained model computes exactly what `buildExecutable` computes from its exported weights.
 */
export class TrainableModel {
  /** Trainable variables in graph order. */
  readonly variables = new Map<string, tf.Variable>();
  /** Batch-norm running statistics, updated by {@link updateStatistics}. */
  readonly statistics = new Map<string, tf.Variable>();
  readonly layers = new Map<string, LayerInfo>();
  private readonly plan: GraphNode[];
  private readonly logits: GraphNode;

  constructor(
    readonly graph: Graph,
    weights: WeightSource,
  ) {
    inferShapes(graph);
    this.logits = logitsNode(graph);
    const needed = new Set<string>([this.logits.name]);
    for (const node of [...graph.nodes].reverse()) if (needed.has(node.name)) node.inputs.forEach((i) => needed.add(i));
    this.plan = graph.nodes.filter((n) => needed.has(n.name));
    const add = (map: Map<string, tf.Variable>, name: string, data: Float32Array, shape: number[], trainable: boolean): void => {
      map.set(name, tf.variable(tf.tensor(data, shape, 'float32'), trainable));
    };
    tf.tidy(() => {
      for (const node of this.plan) {
        if (node.op === 'conv') {
          const a = node.conv!;
          if (a.dilations[0] > 1 || a.dilations[1] > 1) throw new Error(`training: conv '${node.name}' is dilated; dilated convs cannot be trained yet`);
          const w = weights.conv(node.name);
          if (w.group !== a.group) throw new Error(`training: conv '${node.name}': weights have group ${w.group}, the graph says ${a.group}`);
          add(this.variables, `${node.name}/weight`, w.data, w.shape, true);
          if (a.bias) add(this.variables, `${node.name}/bias`, weights.convBias(node.name), [node.channels], true);
          this.layers.set(node.name, { op: 'conv', group: a.group, bias: a.bias });
        } else if (node.op === 'dense') {
          const w = weights.dense(node.name);
          add(this.variables, `${node.name}/weight`, w.data, w.shape, true);
          add(this.variables, `${node.name}/bias`, weights.denseBias(node.name), [node.channels], true);
          this.layers.set(node.name, { op: 'dense' });
        } else if (node.op === 'batchnorm') {
          const bn = weights.batchnorm(node.name);
          add(this.variables, `${node.name}/scale`, bn.scale, [node.channels], true);
          add(this.variables, `${node.name}/bias`, bn.bias, [node.channels], true);
          add(this.statistics, `${node.name}/mean`, bn.mean, [node.channels], false);
          add(this.statistics, `${node.name}/variance`, bn.variance, [node.channels], false);
          this.layers.set(node.name, { op: 'batchnorm', epsilon: bn.epsilon });
        }
      }
    });
  }

  private v(name: string): tf.Variable {
    return (this.variables.get(name) ?? this.statistics.get(name))!;
  }

  /** Executor parameters built from the variables inside the current tape, so gradients reach them. */
  private params(): NodeParams {
    return {
      conv: (node: GraphNode): ConvParams => {
        const w = this.v(`${node.name}/weight`);
        const [out, inPerGroup, kh, kw] = w.shape;
        const group = node.conv!.group;
        const hwio = tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D;
        const bias = node.conv!.bias ? (this.v(`${node.name}/bias`) as tf.Tensor1D) : null;
        if (group > 1 && inPerGroup === 1) return { mode: 'depthwise', filters: [tf.reshape(hwio, [kh, kw, group, out / group])], bias };
        const filters = group === 1 ? [hwio] : (tf.split(hwio, group, 3) as tf.Tensor4D[]);
        return { mode: group === 1 ? 'dense' : 'grouped', filters, bias };
      },
      dense: (node: GraphNode) => ({ weight: this.v(`${node.name}/weight`) as tf.Tensor2D, bias: this.v(`${node.name}/bias`) as tf.Tensor1D }),
      affine: (node: GraphNode) => {
        const { epsilon } = this.layers.get(node.name) as { epsilon: number };
        const scale = tf.div(this.v(`${node.name}/scale`), tf.sqrt(tf.add(this.v(`${node.name}/variance`), epsilon))) as tf.Tensor1D;
        return { scale, shift: tf.sub(this.v(`${node.name}/bias`), tf.mul(this.v(`${node.name}/mean`), scale)) as tf.Tensor1D };
      },
    };
  }

  /**
   * Class scores [N, classes] for an NHWC batch. While training, each batch norm normalises by its batch's
   * moments, which are pushed to `moments` (kept, for {@link updateStatistics}) when given.
   */
  forward(input: tf.Tensor4D, options: ForwardOptions, moments?: Map<string, { mean: tf.Tensor; variance: tf.Tensor; count: number }>): tf.Tensor2D {
    const params = this.params();
    const values = new Map<string, tf.Tensor>([[this.plan[0].name, input]]);
    for (const node of this.plan.slice(1)) {
      const inputs = node.inputs.map((name) => values.get(name)!);
      let y: tf.Tensor;
      if (node.op === 'batchnorm' && options.training) {
        const x = inputs[0];
        const axes = x.shape.slice(0, -1).map((_, i) => i);
        const { mean, variance } = tf.moments(x, axes);
        moments?.set(node.name, { mean: tf.keep(mean), variance: tf.keep(variance), count: x.size / x.shape[x.rank - 1]! });
        const { epsilon } = this.layers.get(node.name) as { epsilon: number };
        const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
        y = tf.add(tf.mul(normalised, this.v(`${node.name}/scale`)), this.v(`${node.name}/bias`));
      } else if (node.op === 'dropout' && options.training && (options.dropoutRate ?? 0) > 0) {
        y = dropout(inputs[0], options.dropoutRate!, `${options.dropoutKey ?? ''}/${node.name}`);
      } else {
        y = applyNode(node, inputs, params);
      }
      values.set(node.name, y);
    }
    const logits = values.get(this.logits.name)!;
    if (logits.rank !== 2) throw new Error(`training: '${this.logits.name}' gives shape [${logits.shape.join(',')}], class scores must be [N, classes]`);
    return logits as tf.Tensor2D;
  }

  /** Moves the running statistics towards the batch moments collected by {@link forward}, then frees them. */
  updateStatistics(moments: Map<string, { mean: tf.Tensor; variance: tf.Tensor; count: number }>): void {
    tf.tidy(() => {
      for (const [layer, { mean, variance, count }] of moments) {
        const unbiased = tf.mul(variance, count / Math.max(1, count - 1));
        const m = this.statistics.get(`${layer}/mean`)!;
        const v = this.statistics.get(`${layer}/variance`)!;
        m.assign(tf.add(tf.mul(m, STATS_MOMENTUM), tf.mul(mean, 1 - STATS_MOMENTUM)));
        v.assign(tf.add(tf.mul(v, STATS_MOMENTUM), tf.mul(unbiased, 1 - STATS_MOMENTUM)));
      }
    });
    for (const { mean, variance } of moments.values()) tf.dispose([mean, variance]);
    moments.clear();
  }

  /** Every parameter and statistic by name, in graph order. */
  tensors(): Map<string, tf.Variable> {
    return new Map([...this.variables, ...this.statistics]);
  }

  dispose(): void {
    tf.dispose([...this.variables.values(), ...this.statistics.values()]);
    this.variables.clear();
    this.statistics.clear();
  }
}
