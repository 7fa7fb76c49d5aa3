import { attr, badAttribute, badShape } from '../attributes';
import type { OnnxGraphBody, TensorInfo } from '../onnx-model';
import { required, valuesAt, type InferContext, type OpDef, type RunContext } from './op-def';

type Ctx = InferContext | RunContext;

/** If's two branches, checked: present, without inputs of their own, each yielding one tensor per output of the If. */
function branches(ctx: Ctx): [OnnxGraphBody, OnnxGraphBody] {
  const { node } = ctx;
  return (['then_branch', 'else_branch'] as const).map((name) => {
    const body = attr.graph(node, name) ?? badAttribute(node, `has no '${name}' graph`);
    if (body.inputs.length > 0) badAttribute(node, `'${name}' declares inputs [${body.inputs.join(', ')}]; an If branch takes none`);
    if (body.outputs.length !== node.outputs.length) badAttribute(node, `'${name}' yields ${body.outputs.length} tensors for the If's ${node.outputs.length} outputs`);
    return body;
  }) as [OnnxGraphBody, OnnxGraphBody];
}

/** The branch an If takes, when its condition is known (at import: a constant, or shape arithmetic folded for the input shapes read). */
export function ifBranch(ctx: Ctx): OnnxGraphBody | undefined {
  const cond = valuesAt(ctx, 0);
  if (cond === undefined) return undefined;
  if (cond.length !== 1) badShape(ctx.node, `condition holds ${cond.length} values, not one`);
  const [then, otherwise] = branches(ctx);
  return cond[0] ? then : otherwise;
}

/**
 * If: runs then_branch or else_branch by a one-value boolean condition. The branches read tensors of the enclosing
 * graph (listed as the node's inputs after the condition). At import, a condition known then (constant, or folded
 * from static shapes, as PyTorch's `x.squeeze(1)` exports) infers only the branch it takes, so that the other may be
 * invalid for these shapes; the runner tests the condition again on every run.
 */
export const ifOp: OpDef = {
  infer(ctx) {
    const cond = required(ctx, 0, 'cond');
    if (cond.dtype !== 'bool') badShape(ctx.node, `condition is ${cond.dtype}, not bool`);
    if (cond.shape && cond.shape.reduce((a, b) => a * b, 1) !== 1) badShape(ctx.node, `condition has shape [${cond.shape.join(', ')}], not one value`);
    const [then, otherwise] = branches(ctx);
    const chosen = ifBranch(ctx);
    if (chosen) return ctx.graph!(chosen).map((t) => ({ ...t! }));
    const a = ctx.graph!(then) as TensorInfo[];
    const b = ctx.graph!(otherwise) as TensorInfo[];
    return a.map((x, i) => {
      const y = b[i]!;
      if (x.dtype !== y.dtype) badShape(ctx.node, `output ${i} is ${x.dtype} in then_branch but ${y.dtype} in else_branch`);
      return { dtype: x.dtype, shape: x.shape && y.shape && x.shape.join() === y.shape.join() ? x.shape : undefined };
    });
  },
  run(ctx) {
    const outputs = ctx.graph!(ifBranch(ctx)!);
    return outputs.map((t, i) => t ?? badShape(ctx.node, `branch output ${i} was not computed`));
  },
};
