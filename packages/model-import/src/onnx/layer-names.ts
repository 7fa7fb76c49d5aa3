import type { OnnxModel, OnnxNode } from './onnx-model';

/** A layer's name, and the node's own name where that differs. */
export interface LayerName {
  name: string;
  rawName?: string;
}

/** Ops whose PyTorch export scope names the module itself once `/<op>` is cut: `/layer1/layer1.0/conv1/Conv`. */
const MODULE_OPS = new Set(['Conv', 'Gemm', 'MatMul']);

/**
 * A readable name for a node named by PyTorch's exporter after its module scope: without the leading slash, and
 * for convs and dense layers without the trailing op (`/inception3a/branch2/branch2.1/conv/Conv` ->
 * `inception3a/branch2/branch2.1/conv`, `/layer1/layer1.0/relu/Relu` -> `layer1/layer1.0/relu/Relu`).
 */
function scopeName(node: OnnxNode): string {
  const name = node.name.slice(1);
  const suffix = `/${node.opType}`;
  return MODULE_OPS.has(node.opType) && name.endsWith(suffix) && name.length > suffix.length ? name.slice(0, -suffix.length) : name;
}

/**
 * Names graph layers after ONNX nodes: the node's name when it has one (a PyTorch scope made readable, see
 * scopeName), else its first output. Caffe2's exporter (the model zoo's bvlcalexnet and googlenet) leaves every node
 * unnamed and suffixes outputs `_1`, `_2`... per in-place op, so in such files the suffix is dropped where that name
 * is still free: conv1_1 -> conv1, inception_3a/output_1 -> inception_3a/output, while the ReLU's conv1_2 keeps its
 * suffix. Output i > 0 of a node (a Split's parts) is `<name>/out<i>`. `wanted` names a layer that stands for more
 * than its node (an LRN folded from PyTorch's small ops is named after their module, `norm1`).
 */
export function layerNamer(model: OnnxModel): (node: OnnxNode, output?: number, wanted?: string) => LayerName {
  const taken = new Set<string>(model.inputs.map((i) => i.name));
  const unnamed = model.nodes.every((n) => n.name === '');
  const claim = (wanted: string, fallback: string): string => {
    const name = taken.has(wanted) ? fallback : wanted;
    taken.add(name);
    return name;
  };
  const bases = new Map<number, string>();
  return (node, output = 0, wanted = undefined) => {
    let base = bases.get(node.index);
    if (base === undefined) {
      const first = node.outputs[0] ?? `node${node.index}`;
      const stripped = first.replace(/_\d+$/, '');
      wanted ??= node.name.startsWith('/') ? scopeName(node) : node.name !== '' ? node.name : unnamed && stripped !== '' && !taken.has(stripped) ? stripped : first;
      base = claim(wanted, `${wanted}#${node.index}`);
      bases.set(node.index, base);
    }
    const name = output === 0 ? base : claim(`${base}/out${output}`, `${base}/out${output}#${node.index}`);
    return node.name !== '' && node.name !== name ? { name, rawName: node.name } : { name };
  };
}
