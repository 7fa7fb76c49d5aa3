import type { LrnAttrs } from '@branchscope/core';
import { attrFloat, dataInputs, type GraphDefNode } from '../tfjs-import/graph-def';
import type { GraphOpContext } from '../tfjs-import/graph-op';
import type { Site, TfValue } from '../tfjs-import/tf-value';

/**
 * The shortest decimal that is the same float32 as `x`: TF stores float attributes as float32, so 1e-4 arrives as
 * 9.99999974738e-05; this gives back the 1e-4 it was written as (the executor computes in float32 either way).
 */
export function float32Decimal(x: number): number {
  const f = Math.fround(x);
  for (let digits = 1; digits < 9; digits++) {
    const v = Number(f.toPrecision(digits));
    if (Math.fround(v) === f) return v;
  }
  return f;
}

/**
 * TensorFlow's LRN in the graph's (ONNX / Caffe) terms. TF: y = x / (bias + alpha * Σ x²)^beta over channels
 * [c - depth_radius, c + depth_radius]; ONNX divides alpha by the window: y = x / (bias + alpha' / size * Σ x²)^beta.
 * So size = 2 * depth_radius + 1 and alpha' = alpha * size. Attributes left out take TF's defaults (5, 1, 1, 0.5);
 * floats are read as the decimals they were written as ({@link float32Decimal}).
 */
export function tfLrnAttrs(node: GraphDefNode): LrnAttrs {
  const radius = Number(node.attr?.depth_radius?.i ?? 5);
  const size = 2 * radius + 1;
  const f = (key: string, fallback: number): number => float32Decimal(attrFloat(node, key, fallback));
  return { size, alpha: float32Decimal(f('alpha', 1) * size), beta: f('beta', 0.5), bias: f('bias', 1) };
}

/** Converts the GraphDef ops that TF.js graph models never hold: LRN and the old Concat (axis first). */
export function convertGraphDefOp(ctx: GraphOpContext, node: GraphDefNode): TfValue {
  const { b } = ctx;
  const at: Site = { name: node.name, label: `op '${node.name}' (${node.op})` };
  const ins = dataInputs(node);
  switch (node.op) {
    case 'LRN': {
      const attrs = tfLrnAttrs(node);
      if (!Number.isInteger(attrs.size) || attrs.size < 1) b.fail('unsupported', at, `has depth_radius ${node.attr?.depth_radius?.i}; it must be a non-negative integer`);
      return b.lrn(at, ctx.value(ins[0]!, at), attrs);
    }
    case 'Concat': {
      if (ins.length < 2) b.fail('unsupported', at, 'has no tensors to concatenate');
      const axis = ctx.constant(ins[0]!, at).data[0];
      const xs = ins.slice(1).map((r) => ctx.value(r, at));
      if (axis !== -1 && axis !== xs[0]!.shape.length) b.fail('unsupported', at, `concatenates on axis ${axis}; only the last (channel) axis is supported`);
      return b.concat(at, xs);
    }
    default:
      return b.fail('unsupported', at, 'has no equivalent in the graph model');
  }
}
