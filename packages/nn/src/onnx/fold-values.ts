import type { OnnxTensor, TensorData, TensorInfo } from './onnx-model';
import { shapeSlice } from './ops/dims';
import { gatherIndices, sliceIndices } from './ops/indexing';
import type { InferContext } from './ops/op-def';

/** Largest tensor folded at import: shape arithmetic is a handful of values. */
const MAX_FOLDED_ELEMENTS = 1024;

const RESHAPING = new Set(['Identity', 'Reshape', 'Flatten', 'Unsqueeze', 'Squeeze', 'Cast']);
const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
};

function tensor(name: string, like: { dtype: OnnxTensor['dtype'] }, dims: number[], values: number[]): OnnxTensor {
  const data: TensorData = like.dtype === 'float32' ? Float32Array.from(values) : like.dtype === 'bool' ? Uint8Array.from(values, (v) => (v ? 1 : 0)) : Int32Array.from(values, (v) => Math.trunc(v));
  return { name, dtype: like.dtype, sourceType: like.dtype === 'float32' ? 'FLOAT' : like.dtype === 'bool' ? 'BOOL' : 'INT64', dims, data };
}

/**
 * The value of a node's single output when it can be computed at import: Shape of a tensor with a static shape, and
 * Gather, Slice, Concat, Cast, element-wise arithmetic and reshapes of values already known, where the result is small
 * (shape arithmetic such as `x.view(x.size(0), -1)` exports). `ctx` is the node's inference context, with the known
 * values as `consts`; `out` its inferred output. Undefined when the value is not known at import.
 */
export function foldValue(ctx: InferContext, out: TensorInfo | undefined): OnnxTensor | undefined {
  const { node } = ctx;
  const name = node.outputs[0] ?? '';
  if (node.outputs.length !== 1 || !out?.shape || out.shape.reduce((a, b) => a * b, 1) > MAX_FOLDED_ELEMENTS) return undefined;
  if (node.opType === 'Shape') {
    const dims = ctx.inputs[0]?.shape;
    return dims && tensor(name, out, out.shape, shapeSlice(node, dims));
  }
  const present = node.inputs.map((input, i) => (input === '' ? undefined : ctx.consts[i]));
  if (present.some((v, i) => v === undefined && node.inputs[i] !== '')) return undefined;
  const [x, y] = present as OnnxTensor[];
  const values = (t: OnnxTensor): number[] => Array.from(t.data);
  if (RESHAPING.has(node.opType)) return tensor(name, node.opType === 'Cast' ? out : x!, out.shape, values(x!));
  switch (node.opType) {
    case 'Gather':
      return x!.dims.length === 1 ? tensor(name, x!, out.shape, gatherIndices(node, values(y!), x!.dims[0]!).map((i) => x!.data[i]!)) : undefined;
    case 'Slice':
      return x!.dims.length === 1 ? tensor(name, x!, out.shape, sliceIndices(ctx, x!.dims)[0]!.map((i) => x!.data[i]!)) : undefined;
    case 'Concat':
      return present.every((t) => t!.dims.length <= 1) ? tensor(name, x!, out.shape, present.flatMap((t) => values(t!))) : undefined;
    default: {
      const f = ARITHMETIC[node.opType];
      if (!f || !y || (x!.data.length !== 1 && y.data.length !== 1 && x!.data.length !== y.data.length)) return undefined;
      const n = Math.max(x!.data.length, y.data.length);
      if (out.shape.reduce((a, b) => a * b, 1) !== n) return undefined;
      const at = (t: OnnxTensor, i: number): number => t.data[t.data.length === 1 ? 0 : i]!;
      return tensor(name, out, out.shape, Array.from({ length: n }, (_, i) => f(at(x!, i), at(y, i))));
    }
  }
}
