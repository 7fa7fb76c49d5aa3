import { attr } from './attributes';
import { act, inferContext, type ChannelView, type Converter } from './converter';
import type { OnnxNode } from './onnx-model';
import { product } from './ops/op-def';

/**
 * The channel permutation a view stands for once its factors are merged back into one axis: output channel j is
 * source channel select[j] (ShuffleNet's shuffle of 2 groups of 58: [0, 58, 1, 59, ...]).
 */
export function viewSelect(view: ChannelView): number[] {
  const { factors, order } = view;
  const strides = factors.map((_, f) => product(factors.slice(f + 1)));
  const sizes = order.map((f) => factors[f]!);
  return Array.from({ length: product(factors) }, (_, j) => {
    let rest = j;
    let source = 0;
    for (let axis = sizes.length - 1; axis >= 0; axis--) {
      source += (rest % sizes[axis]!) * strides[order[axis]!]!;
      rest = Math.floor(rest / sizes[axis]!);
    }
    return source;
  });
}

/**
 * Reshape, Flatten and Squeeze: the identity when the shape stays (or [N, F] stays [N, F]), a flatten of an image
 * to [N, features], a split of the channel axis into factors (a view, see {@link ChannelView}), or the merge of such a
 * view back into channels, which becomes a channel select.
 */
export function convertReshape(c: Converter, node: OnnxNode): void {
  const input = node.inputs[0]!;
  const from = c.shape(input, node);
  const to = c.shape(node.outputs[0]!, node);
  const view = c.views.get(input);
  if (view) {
    const merged = to.length === 4 && to[0] === from[0] && to[1] === product(view.factors) && to.slice(2).join() === from.slice(-2).join();
    if (!merged) c.fail(`reshapes a channel-split tensor [${from.join(', ')}] to [${to.join(', ')}], not back to [N, C, H, W]`, node);
    const select = viewSelect(view);
    const source = c.activations.get(view.source)!;
    if (select.every((s, j) => s === j)) return void c.activations.set(node.outputs[0]!, source);
    return c.push(node, { op: 'select', inputs: [source], select });
  }
  if (from.join() === to.join() || (from.length === 2 && to.length === 2 && from[0] === to[0])) return c.alias(node, input);
  if (from.length === 4 && to.length === 2 && to[0] === from[0] && to[1] === product(from.slice(1))) return c.push(node, { op: 'flatten', inputs: [act(c, node, 0)] });
  const splitsChannels = from.length === 4 && to.length > 4 && to[0] === from[0] && product(to.slice(1, -2)) === from[1] && to.slice(-2).join() === from.slice(2).join();
  if (splitsChannels && c.activations.has(input)) {
    const factors = to.slice(1, -2);
    c.views.set(node.outputs[0]!, { source: input, factors, order: factors.map((_, f) => f) });
    return;
  }
  c.fail(`reshapes [${from.join(', ')}] to [${to.join(', ')}]; only flattening an image to [N, features] or a channel shuffle has a graph equivalent`, node);
}

/** Transpose of a channel-split view's factor axes (the middle of a channel shuffle). */
export function convertTranspose(c: Converter, node: OnnxNode): void {
  const view = c.views.get(node.inputs[0]!);
  const rank = c.shape(node.inputs[0]!, node).length;
  const perm = attr.ints(node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const factorAxes = perm.slice(1, -2);
  const keeps = perm[0] === 0 && perm[rank - 2] === rank - 2 && perm[rank - 1] === rank - 1;
  if (!view || !keeps) c.fail(`transposes [${perm.join(', ')}]; only a permutation of channel factors (a channel shuffle) has a graph equivalent`, node);
  c.views.set(node.outputs[0]!, { ...view, order: factorAxes.map((a) => view.order[a - 1]!) });
}

/** Unsqueeze restoring the channel axis that a scalar channel Gather dropped. */
export function convertUnsqueeze(c: Converter, node: OnnxNode): void {
  const input = node.inputs[0]!;
  const axes = c.model.opset < 13 ? attr.ints(node, 'axes') : inferContext(c, node).consts[1]?.data;
  const restoresChannels = c.squeezed.has(input) && axes?.length === 1 && (Number(axes[0]) === 1 || Number(axes[0]) === -3);
  if (!restoresChannels) return convertReshape(c, node);
  c.alias(node, input);
}
