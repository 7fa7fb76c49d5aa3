import type { LrnAttrs } from '@branchscope/core';
import { attr } from './attributes';
import { act, type Converter } from './converter';
import type { OnnxGraphBody, OnnxModel, OnnxNode } from './onnx-model';
import { resolveWindow } from './ops/window';

/**
 * A local response normalisation written out in small ops, as PyTorch exports `nn.LocalResponseNorm` /
 * `F.local_response_norm` of a 4-D input:
 *
 *   div = AveragePool_[size,1,1](Pad_channels(Unsqueeze_1(x * x)))   (the mean of x² over `size` channels)
 *   y   = x / (k + alpha * Squeeze_1(div)) ^ beta
 *
 * with Reshapes (`view`), an If choosing Squeeze or Identity by a shape test, and further all-zero Pads on the way.
 * The mean divides by `size`, so this is ONNX's (and Caffe's) LRN with the same alpha: x / (bias + alpha / size *
 * sum)^beta. It is one when the channel padding is LRN's window, floor((size - 1) / 2) channels before and
 * ceil((size - 1) / 2) after; PyTorch pads size // 2 before, which is the same for odd sizes only.
 */
export interface LrnPattern {
  /** The Div that ends the pattern; the lrn layer holds its output. */
  div: OnnxNode;
  /** The other main-graph nodes of the pattern, which the lrn layer replaces. */
  nodes: OnnxNode[];
  /** The LRN it computes, or (`refusal`) why it is a local response normalisation that LRN cannot express. */
  lrn?: LrnAttrs;
  refusal?: string;
  /** The module scope shared by the pattern's nodes (`norm1` for PyTorch's `/norm1/Mul`, `/norm1/Div`...), if any. */
  scope?: string;
}

/** Ops that only reshape: they keep the element order. */
const VIEWS = new Set(['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity']);

const same = (a: number[] | undefined, b: number[]): boolean => a !== undefined && a.join() === b.join();

/** The module scope that every node's name lies in (`/norm1/Mul` and `/norm1/If` -> `norm1`), if they share one. */
function commonScope(nodes: OnnxNode[]): string | undefined {
  const paths = nodes.map((n) => (n.name.startsWith('/') ? n.name.slice(1).split('/').slice(0, -1) : []));
  const shared: string[] = [];
  for (let i = 0; paths.every((p) => i < p.length && p[i] === paths[0]![i]); i++) shared.push(paths[0]![i]!);
  return shared.length > 0 ? shared.join('/') : undefined;
}

/**
 * Finds every local response normalisation written out in small ops (see {@link LrnPattern}), keyed by the index of
 * its Div. Matches backwards from each Div over tensors whose shapes are static, and only where every tensor inside
 * is read by the pattern alone (or by shape arithmetic folded at import).
 */
export function findLrnPatterns(model: OnnxModel, consumers: ReadonlyMap<string, OnnxNode[]>): Map<number, LrnPattern> {
  const producers = new Map<string, OnnxNode>();
  const mainNodes = new Set(model.nodes.map((n) => n.index));
  // Producers in If branches too (names are unique across nested graphs).
  const addProducers = (nodes: OnnxNode[]): void => {
    for (const n of nodes) {
      for (const o of n.outputs) if (o !== '') producers.set(o, n);
      for (const a of n.attributes.values()) if (a.kind === 'graph') addProducers(a.value.nodes);
    }
  };
  addProducers(model.nodes);
  const shapeOf = (t: string): number[] | undefined => model.info.get(t)?.shape;
  /** A one-value constant (known at import). */
  const scalar = (t: string): number | undefined => {
    const v = model.values.get(t);
    return v && v.data.length === 1 && v.dtype === 'float32' ? Number(v.data[0]) : undefined;
  };
  const chosen = (node: OnnxNode): OnnxGraphBody | undefined => {
    const cond = model.values.get(node.inputs[0] ?? '');
    if (!cond || cond.data.length !== 1) return undefined;
    return attr.graph(node, cond.data[0] ? 'then_branch' : 'else_branch');
  };

  /**
   * Walks back from `t` over views (and Ifs whose known branch passes a tensor through views) among the nodes of
   * `scope`, collecting those passed.
   */
  const viewSource = (t: string, passed: OnnxNode[], scope: ReadonlySet<number> = mainNodes): string => {
    for (;;) {
      const p = producers.get(t);
      if (!p || !scope.has(p.index)) return t;
      const constantRest = p.inputs.slice(1).every((i) => i === '' || model.values.has(i));
      if (VIEWS.has(p.opType) && constantRest) {
        passed.push(p);
        t = p.inputs[0]!;
        continue;
      }
      const branch = p.opType === 'If' ? chosen(p) : undefined;
      if (!branch) return t;
      const source = viewSource(branch.outputs[p.outputs.indexOf(t)]!, [], new Set(branch.nodes.map((b) => b.index)));
      // The branch must pass a tensor of the enclosing graph through views only.
      if (!branch.captures.includes(source)) return t;
      passed.push(p);
      t = source;
    }
  };

  const match = (div: OnnxNode): LrnPattern | undefined => {
    const [x, den] = div.inputs as [string, string];
    const shape = shapeOf(x);
    if (div.inputs.length !== 2 || !shape || shape.length !== 4 || model.values.has(x) || model.info.get(x)?.dtype !== 'float32') return undefined;
    const nodes: OnnxNode[] = [];
    // (k + alpha * mean) ^ beta: each step optional (k = 0, alpha = 1, beta = 1 export without it).
    let t = den;
    const step = (op: string): number | undefined => {
      const p = producers.get(t);
      if (p?.opType !== op || !mainNodes.has(p.index) || p.inputs.length !== 2) return undefined;
      const at = op === 'Pow' ? 1 : p.inputs.findIndex((i) => scalar(i) !== undefined);
      const value = at < 0 ? undefined : scalar(p.inputs[at]!);
      if (value === undefined || model.values.has(p.inputs[1 - at]!)) return undefined;
      nodes.push(p);
      t = p.inputs[1 - at]!;
      return value;
    };
    const beta = step('Pow') ?? 1;
    const bias = step('Add') ?? 0;
    const alpha = step('Mul') ?? 1;
    if (!same(shapeOf(t), shape)) return undefined;
    const meanTensor = viewSource(t, nodes);
    const pool = producers.get(meanTensor);
    const [n, c, h, w] = shape as [number, number, number, number];
    if (pool?.opType !== 'AveragePool' || !mainNodes.has(pool.index) || !same(shapeOf(meanTensor), [n, 1, c, h, w])) return undefined;
    nodes.push(pool);
    // AveragePool over [size, 1, 1] windows of the channel axis of [N, 1, C', H, W], stride 1.
    const poolInput = shapeOf(pool.inputs[0]!);
    if (!poolInput || poolInput.length !== 5) return undefined;
    const win = resolveWindow(pool, poolInput.slice(2), undefined, attr.int(pool, 'ceil_mode', 0) === 1);
    const size = win.kernel[0]!;
    if (!same(win.kernel, [size, 1, 1]) || !same(win.strides, [1, 1, 1]) || !same(win.dilations, [1, 1, 1])) return undefined;
    if (win.begin.slice(1).some((p) => p !== 0) || win.end.slice(1).some((p) => p !== 0)) return undefined;
    // The pool's own channel padding counts as zeros only with count_include_pad.
    if ((win.begin[0] !== 0 || win.end[0] !== 0) && attr.int(pool, 'count_include_pad', 0) !== 1) return undefined;
    let before = win.begin[0]!;
    let after = win.end[0]!;
    // Zero Pads of the channel axis (PyTorch's F.pad, then avg_pool3d's own all-zero Pad).
    t = pool.inputs[0]!;
    for (let p = producers.get(t); p?.opType === 'Pad' && mainNodes.has(p.index); p = producers.get(t)) {
      const old = model.opset < 11;
      const pads = old ? (attr.ints(p, 'pads') ?? attr.ints(p, 'paddings')) : Array.from(model.values.get(p.inputs[1] ?? '')?.data ?? [], Number);
      const value = old ? attr.float(p, 'value', 0) : (p.inputs[2] ?? '') === '' ? 0 : scalar(p.inputs[2]!);
      if (attr.string(p, 'mode', 'constant') !== 'constant' || value !== 0 || !pads || pads.length !== 10) return undefined;
      if (pads.some((v, i) => (i === 2 || i === 7 ? v < 0 : v !== 0))) return undefined;
      before += pads[2]!;
      after += pads[7]!;
      nodes.push(p);
      t = p.inputs[0]!;
    }
    if (!same(shapeOf(t), [n, 1, c, h, w])) return undefined;
    const squared = viewSource(t, nodes);
    const square = producers.get(squared);
    const squares = square?.opType === 'Mul' ? square.inputs[0] === x && square.inputs[1] === x : square?.opType === 'Pow' && square.inputs[0] === x && scalar(square.inputs[1]!) === 2;
    if (!square || !squares || !mainNodes.has(square.index) || !same(shapeOf(squared), shape) || before + after !== size - 1) return undefined;
    nodes.push(square);
    // Every tensor inside is read by the pattern alone (or by shape arithmetic folded at import), and is no graph output.
    const inside = new Set([...nodes, div].map((p) => p.index));
    const outputs = new Set(model.outputs.map((o) => o.name));
    const internal = nodes.flatMap((p) => p.outputs.filter((o) => o !== ''));
    const foreign = internal.some((o) => outputs.has(o) || (consumers.get(o) ?? []).some((r) => !inside.has(r.index) && !r.outputs.every((ro) => ro === '' || model.values.has(ro))));
    if (foreign) return undefined;
    const scope = commonScope([...nodes, div]);
    const lrnBefore = Math.floor((size - 1) / 2);
    if (before !== lrnBefore) {
      const refusal = `ends a local response normalisation (PyTorch's local_response_norm) of size ${size} that sums channels [c - ${before}, c + ${after}], where an LRN of that size sums [c - ${lrnBefore}, c + ${size - 1 - lrnBefore}]`;
      return { div, nodes, refusal, scope };
    }
    return { div, nodes, lrn: { size, alpha, beta, bias }, scope };
  };

  const patterns = new Map<number, LrnPattern>();
  for (const node of model.nodes) {
    if (node.opType !== 'Div') continue;
    const p = match(node);
    if (p) patterns.set(node.index, p);
  }
  return patterns;
}

/**
 * One lrn layer for a matched pattern, or its refusal. The layer is named after the module scope of the pattern
 * (`norm1`); a functional call outside any module after its Div, as `LRN` (`/Div_2` -> `LRN_2`).
 */
export function convertLrnPattern(c: Converter, p: LrnPattern): void {
  if (!p.lrn) return c.fail(p.refusal!, p.div);
  const functional = /^\/Div(_\d+)?$/.exec(p.div.name);
  const name = p.scope ?? (functional ? `LRN${functional[1] ?? ''}` : undefined);
  c.push(p.div, { op: 'lrn', inputs: [act(c, p.div, 0)], lrn: p.lrn }, undefined, name ? { name } : {});
}
