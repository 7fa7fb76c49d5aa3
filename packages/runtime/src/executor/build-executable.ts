import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphNode } from '@branchscope/core';
import '../gradients';
import { inferShapes } from '../graph/infer-shapes';
import type { WeightSource } from '../weights/weight-source';
import { applyNode } from './apply-node';
import { toNchw, toNhwc, type Layout } from './layout';
import { ParamStore } from './params';

/** A graph bound to weights, runnable on the active TF.js backend. */
export interface ExecutableModel {
  readonly graph: Graph;
  /** Layout of 4-D inputs and outputs: see {@link BuildOptions.layout}. */
  readonly layout: Layout;
  /**
   * Runs the graph on a batch and returns the activations of the named nodes (default: the graph's output),
   * 4-D ones in the model's layout, 2-D ones as [N, features]. Only the nodes those outputs depend on are
   * evaluated. Differentiable: call it inside `tf.grad` to optimise the input. The caller owns (and must
   * dispose) the returned tensors.
   */
  predict(input: tf.Tensor4D, outputs?: string[], options?: PredictOptions): Record<string, tf.Tensor>;
  /** Frees the weight tensors; the model cannot predict afterwards. */
  dispose(): void;
}

export interface BuildOptions {
  /**
   * Layout of the tensors crossing the boundary. Default 'NHWC', TF.js's native image layout (what
   * feature visualization optimises), which avoids a transpose per step; 'NCHW' matches ONNX and the graph
   * contract. Internally the executor always runs NHWC.
   */
  layout?: Layout;
}

/** Per-call options of {@link ExecutableModel.predict}. */
export interface PredictOptions {
  /**
   * Applied by every relu node in place of `tf.relu` for this call, e.g. feature visualization's redirected
   * ReLU (same forward value, another gradient).
   */
  relu?: (x: tf.Tensor) => tf.Tensor;
}

/** Nodes needed for `outputs`, in graph (topological) order. */
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

/**
 * Binds `graph` to `weights` as a TF.js model. Weight tensors are created lazily, per node, on the first
 * predict that evaluates it. Throws now if the graph is inconsistent (see `inferShapes`).
 */
export function buildExecutable(graph: Graph, weights: WeightSource, options: BuildOptions = {}): ExecutableModel {
  const layout = options.layout ?? 'NHWC';
  inferShapes(graph);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const inputNode = graph.nodes[0];
  const params = new ParamStore(weights);
  let disposed = false;

  const predict = (input: tf.Tensor4D, outputs: string[] = [graph.output], options: PredictOptions = {}): Record<string, tf.Tensor> => {
    if (disposed) throw new Error(`model '${graph.name}' was disposed`);
    if (input.rank !== 4) throw new Error(`model '${graph.name}' expects a 4-D ${layout} input, got shape [${input.shape.join(',')}]`);
    const channels = layout === 'NHWC' ? input.shape[3] : input.shape[1];
    if (channels !== graph.inputShape[0]) {
      throw new Error(`model '${graph.name}' expects ${graph.inputShape[0]} input channels (${layout}), got shape [${input.shape.join(',')}]`);
    }
    for (const name of outputs) {
      if (!byName.has(name)) throw new Error(`model '${graph.name}' has no node '${name}' to output`);
    }
    const plan = requiredNodes(graph, byName, outputs);

    return tf.tidy(() => {
      const values = new Map<string, tf.Tensor>();
      values.set(inputNode.name, layout === 'NHWC' ? input : toNhwc(input));
      for (const node of plan) {
        if (node === inputNode) continue;
        const inputs = node.inputs.map((name) => values.get(name)!);
        values.set(node.name, node.op === 'relu' && options.relu ? options.relu(inputs[0]) : applyNode(node, inputs, params));
      }
      const result: Record<string, tf.Tensor> = {};
      for (const name of outputs) {
        const value = values.get(name)!;
        // Clone the input passed straight through so the caller may dispose outputs without freeing its input.
        result[name] = value.rank === 4 && layout === 'NCHW' ? toNchw(value as tf.Tensor4D) : value === input ? tf.clone(value) : value;
      }
      return result;
    });
  };

  return {
    graph,
    layout,
    predict,
    dispose() {
      params.dispose();
      disposed = true;
    },
  };
}
