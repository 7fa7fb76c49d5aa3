import type { OnnxTensor, TensorData, TensorInfo } from './onnx-model';
import { attr } from './attributes';
import { shapeSlice } from './ops/dims';
import { gatherIndices, sliceIndices } from './ops/indexing';
import type { InferContext } from './ops/op-def';
import { fillValue } from './ops/shape-ops';

/** Largest tensor folded at import: shape arithmetic is a handful of values. */
const MAX_FOLDED_ELEMENTS = 1024;

const RESHAPING = new Set(['Identity', 'Reshape', 'Flatten', 'Unsqueeze', 'Squeeze', 'Cast']);
const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Pow: (a, b) => a ** b,
  Equal: (a, b) => (a === b ? 1 : 0),
};

/** Row-major strides of `dims`. */
const stridesOf = (dims: number[]): number[] => dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));

/** The values of `t` broadcast (numpy rules, trailing dims aligned) to `shape`, in row-major order. */
function broadcastTo(t: OnnxTensor, shape: number[]): number[] {
  const dims = [...new Array<number>(Math.max(0, shape.length - t.dims.length)).fill(1), ...t.dims];
  const from = stridesOf(dims);
  const to = stridesOf(shape);
  const count = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, (_, i) => {
    let at = 0;
    shape.forEach((_, axis) => {
      if (dims[axis] !== 1) at += (Math.floor(i / to[axis]!) % shape[axis]!) * from[axis]!;
    });
    return Number(t.data[at]!);
  });
}

/** The elements of `t` at the cross product of per-axis index lists (an undefined list keeps the whole axis). */
function pick(t: OnnxTensor, picks: Array<number[] | undefined>): number[] {
  const lists = t.dims.map((d, axis) => picks[axis] ?? Array.from({ length: d }, (_, i) => i));
  const strides = stridesOf(t.dims);
  let offsets = [0];
  lists.forEach((list, axis) => {
    offsets = offsets.flatMap((o) => list.map((i) => o + i * strides[axis]!));
  });
  return offsets.map((o) => Number(t.data[o]!));
}

function tensor(name: string, like: { dtype: OnnxTensor['dtype'] }, dims: number[], values: number[]): OnnxTensor {
  const data: TensorData = like.dtype === 'float32' ? Float32Array.from(values) : like.dtype === 'bool' ? Uint8Array.from(values, (v) => (v ? 1 : 0)) : Int32Array.from(values, (v) => Math.trunc(v));
  return { name, dtype: like.dtype, sourceType: like.dtype === 'float32' ? 'FLOAT' : like.dtype === 'bool' ? 'BOOL' : 'INT64', dims, data };
}

/**
 * The value of a node's single output when it can be computed at import: Shape of a tensor with a static shape,
 * ConstantOfShape of a known shape, and Gather, Slice, Transpose, Concat, Cast, Expand, Where, element-wise
 * arithmetic (Add, Sub, Mul, Div, Pow), Equal and reshapes of values already known, where the result is small (shape
 * arithmetic such as `x.view(x.size(0), -1)` and PyTorch's padding amounts export). `ctx` is the node's inference context, with the known
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
      return tensor(name, x!, out.shape, pick(x!, sliceIndices(ctx, x!.dims)));
    case 'Transpose': {
      const perm = attr.ints(node, 'perm') ?? x!.dims.map((_, i) => x!.dims.length - 1 - i);
      // Output element j sits at the input position whose axis perm[k] is j's index along output axis k.
      const strides = stridesOf(x!.dims);
      const outStrides = stridesOf(out.shape);
      return tensor(name, x!, out.shape, Array.from({ length: x!.data.length }, (_, j) => Number(x!.data[perm.reduce((at, p, k) => at + (Math.floor(j / outStrides[k]!) % out.shape![k]!) * strides[p]!, 0)]!)));
    }
    case 'Concat':
      return present.every((t) => t!.dims.length <= 1) ? tensor(name, x!, out.shape, present.flatMap((t) => values(t!))) : undefined;
    case 'ConstantOfShape':
      return tensor(name, out, out.shape, new Array<number>(out.shape.reduce((a, b) => a * b, 1)).fill(Number(fillValue(node).data[0]!)));
    case 'Expand':
      return tensor(name, x!, out.shape, broadcastTo(x!, out.shape));
    case 'Where': {
      const [cond, a, b] = present.map((t) => broadcastTo(t!, out.shape!));
      return tensor(name, out, out.shape, cond!.map((c, i) => (c ? a![i]! : b![i]!)));
    }
    default: {
      const f = ARITHMETIC[node.opType];
      if (!f || !y) return undefined;
      const [a, b] = [broadcastTo(x!, out.shape), broadcastTo(y, out.shape)];
      return tensor(name, out, out.shape, a.map((v, i) => f(v, b[i]!)));
    }
  }
}
