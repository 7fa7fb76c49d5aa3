import * as tf from '@tensorflow/tfjs-core';
import '@branchscope/runtime/gradients';
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnx-model';
import { ONNX_OPS } from './ops/registry';

/** An ONNX graph bound to TF.js: each node is evaluated as ONNX defines it, on NCHW tensors. */
export interface OnnxRunner {
  readonly model: OnnxModel;
  /**
   * Runs the graph on `feeds` (by graph input name, in ONNX layout) and returns the named tensors (default: the
   * graph outputs). Only the nodes they depend on are evaluated. Differentiable: call it inside `tf.grad`.
   * The caller owns (and must dispose) the returned tensors.
   */
  run(feeds: Record<string, tf.Tensor>, outputs?: string[]): Record<string, tf.Tensor>;
  /** Frees the constant tensors; the runner cannot run afterwards. */
  dispose(): void;
}

/** Nodes that `outputs` depend on, in graph order. */
function plan(model: OnnxModel, producers: Map<string, OnnxNode>, outputs: string[]): OnnxNode[] {
  const needed = new Set<number>();
  const stack = [...outputs];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = producers.get(name);
    if (!node || needed.has(node.index)) continue;
    needed.add(node.index);
    stack.push(...node.inputs.filter((i) => i !== ''));
  }
  return model.nodes.filter((n) => needed.has(n.index));
}

function checkFeed(model: OnnxModel, name: string, feed: tf.Tensor | undefined): void {
  const input = model.inputs.find((i) => i.name === name)!;
  if (!feed) throw new Error(`ONNX model '${model.graphName}': input '${name}' was not fed`);
  if (feed.dtype !== input.dtype) throw new Error(`ONNX model '${model.graphName}': input '${name}' must be ${input.dtype}, got ${feed.dtype}`);
  const dims = input.dims;
  if (dims && (dims.length !== feed.rank || dims.some((d, i) => typeof d === 'number' && d !== feed.shape[i]))) {
    throw new Error(`ONNX model '${model.graphName}': input '${name}' must have shape [${dims.map((d) => d ?? '?').join(', ')}], got [${feed.shape.join(', ')}]`);
  }
}

/**
 * Makes `model` runnable with TF.js on the active backend. Constant tensors are created on first use and kept
 * until {@link OnnxRunner.dispose}.
 */
export function createOnnxRunner(model: OnnxModel): OnnxRunner {
  const producers = new Map<string, OnnxNode>();
  for (const node of model.nodes) for (const o of node.outputs) if (o !== '') producers.set(o, node);
  const kept = new Map<string, tf.Tensor>();
  let disposed = false;
  const constant = (t: OnnxTensor): tf.Tensor => {
    let value = kept.get(t.name);
    if (!value) {
      value = tf.keep(tf.tensor(t.data, t.dims, t.dtype));
      kept.set(t.name, value);
    }
    return value;
  };

  const run = (feeds: Record<string, tf.Tensor>, outputs: string[] = model.outputs.map((o) => o.name)): Record<string, tf.Tensor> => {
    if (disposed) throw new Error(`ONNX model '${model.graphName}' was disposed`);
    for (const name of outputs) if (!model.info.has(name)) throw new Error(`ONNX model '${model.graphName}' has no tensor '${name}'`);
    const nodes = plan(model, producers, outputs);
    const used = new Set(nodes.flatMap((n) => n.inputs).concat(outputs));
    for (const input of model.inputs) if (used.has(input.name)) checkFeed(model, input.name, feeds[input.name]);
    return tf.tidy(() => {
      const values = new Map<string, tf.Tensor>();
      const valueOf = (name: string): tf.Tensor | undefined => {
        if (name === '') return undefined;
        const c = model.initializers.get(name);
        return values.get(name) ?? feeds[name] ?? (c ? constant(c) : undefined);
      };
      // Graph attributes (If's branches) read the enclosing scope by name; ONNX names are unique across scopes.
      const evaluate = (list: OnnxNode[]): void => {
        for (const node of list) {
          const results = ONNX_OPS.get(node.opType)!.run({
            node,
            opset: model.opset,
            inputs: node.inputs.map(valueOf),
            consts: node.inputs.map((name) => model.constants.get(name)),
            graph: (body) => {
              evaluate(body.nodes);
              return body.outputs.map(valueOf);
            },
          });
          node.outputs.forEach((name, i) => {
            if (name !== '' && results[i]) values.set(name, results[i]!);
          });
        }
      };
      evaluate(nodes);
      const result: Record<string, tf.Tensor> = {};
      for (const name of outputs) {
        const value = valueOf(name)!;
        // A fed or kept tensor passed straight through is cloned, so disposing outputs never frees it.
        result[name] = value === feeds[name] || [...kept.values()].includes(value) ? tf.clone(value) : value;
      }
      return result;
    });
  };

  return {
    model,
    run,
    dispose() {
      tf.dispose([...kept.values()]);
      kept.clear();
      disposed = true;
    },
  };
}
