import type { OnnxModel, OnnxNode } from './onnx-model';

/**
 * Names graph layers after ONNX nodes: the node's name when it has one, else its first output. Caffe2's exporter
 * (the model zoo's bvlcalexnet and googlenet) leaves every node unnamed and suffixes outputs `_1`, `_2`... per
 * in-place op, so in such files the suffix is dropped where that name is still free: conv1_1 -> conv1,
 * inception_3a/output_1 -> inception_3a/output, while the ReLU's conv1_2 keeps its suffix.
 */
export function layerNamer(model: OnnxModel): (node: OnnxNode) => string {
  const taken = new Set<string>(model.inputs.map((i) => i.name));
  const unnamed = model.nodes.every((n) => n.name === '');
  return (node) => {
    const output = node.outputs[0] ?? `node${node.index}`;
    const stripped = output.replace(/_\d+$/, '');
    let name = node.name !== '' ? node.name : unnamed && stripped !== '' && !taken.has(stripped) ? stripped : output;
    if (taken.has(name)) name = `${name}#${node.index}`;
    taken.add(name);
    return name;
  };
}
