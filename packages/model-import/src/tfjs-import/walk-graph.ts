import { dataInputs, type GraphDefNode, type InputRef } from './graph-def';
import type { GraphOpContext } from './graph-op';
import type { ImportBuilder } from './import-builder';
import type { RawWeight } from './read-tfjs-folder';
import type { Site, TfValue } from './tf-value';

/** What differs between the TF.js and the GraphDef importers when they walk a graph's ops. */
export interface GraphWalk {
  /** A `Const` op's weight. */
  constantOf(node: GraphDefNode, at: Site): RawWeight;
  /** A `Placeholder`'s value: the model's input. */
  inputOf(node: GraphDefNode, at: Site): TfValue;
  /** Any other op, converted. */
  convert(ctx: GraphOpContext, node: GraphDefNode): TfValue;
  /** Why an op that needs a weight at `ref` cannot have one (a computed tensor is there). */
  notConstant(ref: InputRef): string;
  /** Why an op that needs a computed tensor at `ref` cannot have one (a constant is there). */
  notComputed(ref: InputRef): string;
}

/**
 * Converts `order` (topologically sorted, ending with `output`) op by op into `b`: constants become weights (through
 * `Identity` too), `Placeholder` the input, every other op a value. Returns the output's value.
 */
export function walkGraph(b: ImportBuilder, order: readonly GraphDefNode[], output: string, walk: GraphWalk): TfValue {
  const values = new Map<string, TfValue>();
  const constants = new Map<string, RawWeight>();
  const readers = new Map<string, number>();
  order.forEach((n) => dataInputs(n).forEach((r) => readers.set(r.node, (readers.get(r.node) ?? 0) + 1)));
  const firstOutput = (ref: InputRef, at: Site): void => {
    if (ref.output !== 0) b.fail('unsupported', at, `reads output ${ref.output} of '${ref.node}'; only the first output of an op can be used`);
  };
  const ctx: GraphOpContext = {
    b,
    isConstant: (ref) => constants.has(ref.node),
    constant: (ref, at) => {
      firstOutput(ref, at);
      return constants.get(ref.node) ?? b.fail('missing-weight', at, walk.notConstant(ref));
    },
    value: (ref, at) => {
      firstOutput(ref, at);
      return values.get(ref.node) ?? b.fail('unsupported', at, walk.notComputed(ref));
    },
    consumers: (node) => readers.get(node) ?? 0,
  };
  for (const node of order) {
    const at: Site = { name: node.name, label: `op '${node.name}' (${node.op})` };
    if (node.op === 'Const') {
      constants.set(node.name, walk.constantOf(node, at));
    } else if (node.op === 'Identity') {
      const ref = dataInputs(node)[0] ?? b.fail('missing-weight', at, 'has no input');
      if (ctx.isConstant(ref)) constants.set(node.name, ctx.constant(ref, at));
      else values.set(node.name, ctx.value(ref, at));
    } else if (node.op === 'Placeholder') {
      values.set(node.name, walk.inputOf(node, at));
    } else {
      values.set(node.name, walk.convert(ctx, node));
    }
  }
  return values.get(output) ?? b.fail('unsupported', { name: output, label: `output '${output}'` }, 'is a constant');
}
