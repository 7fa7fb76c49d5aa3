import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { DEFAULT_INPUT_RANGE, imageInputShape, type TfjsImportOptions } from './convert-options';
import { ImportBuilder } from './import-builder';
import { convertKerasLayer, type LayerWeight } from './keras-layer';
import { unsupportedKerasLayers } from './keras-support';
import { kerasTopology, type KerasLayer } from './keras-topology';
import type { TfjsFolder } from './read-tfjs-folder';
import type { TfValue } from './tf-value';
import { TfjsImportError } from './tfjs-import-error';

/** The layers the output depends on, each after its inputs (model.json usually lists them so, but need not). */
function topologicalOrder(layers: readonly KerasLayer[], output: string, file: string): KerasLayer[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const order: KerasLayer[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from: string): void => {
    const layer = byName.get(name);
    if (!layer) throw new TfjsImportError('invalid-model-json', `${file}: ${from} reads layer '${name}', which the model does not define`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new TfjsImportError('invalid-model-json', `${file}: layer '${name}' is part of a cycle`);
    state.set(name, 'visiting');
    layer.inputs.forEach((input) => visit(input, `layer '${name}'`));
    state.set(name, 'done');
    order.push(layer);
  };
  visit(output, 'the model output');
  return order;
}

/** Finds `<layer>/<param>`, also under an enclosing scope (`model/<layer>/<param>`) as nested Keras models save it. */
function layerWeights(folder: TfjsFolder): (layer: string) => LayerWeight {
  const names = [...folder.weights.keys()];
  return (layer) => (param) => {
    const exact = `${layer}/${param}`;
    const name = folder.weights.has(exact) ? exact : names.find((n) => n.endsWith(`/${exact}`));
    return name === undefined ? undefined : folder.weights.get(name);
  };
}

/** Converts a layers model (Keras JSON) to a graph and its weights, or throws a `TfjsImportError`. */
export function convertLayersModel(folder: TfjsFolder, options: TfjsImportOptions): { graph: Graph; weights: WeightSource } {
  const { file } = folder;
  const topology = kerasTopology(folder.json.modelTopology, file);
  const unsupported = unsupportedKerasLayers(topology.layers);
  if (unsupported.length > 0) {
    throw new TfjsImportError('unsupported', `${file}: ${unsupported.length} unsupported layer(s):\n- ${unsupported.join('\n- ')}`);
  }
  const b = new ImportBuilder(file);
  const weights = layerWeights(folder);
  const values = new Map<string, TfValue>();
  for (const layer of topologicalOrder(topology.layers, topology.output, file)) {
    const at = { name: layer.name, label: `layer '${layer.name}' (${layer.className})` };
    if (layer.className === 'InputLayer') {
      if (layer.name !== topology.input) b.fail('unsupported', at, `is a second input besides '${topology.input}'; only single-input models are supported`);
      const shape = (layer.config.batch_input_shape ?? layer.config.batch_shape) as (number | null)[] | undefined;
      const hwc = imageInputShape(shape ?? [], options.imageSize);
      values.set(layer.name, typeof hwc === 'string' ? b.fail('unsupported', at, hwc) : b.input(at, hwc));
      continue;
    }
    if (layer.inputs.length === 0) b.fail('invalid-model-json', at, 'has no inbound layers');
    const many = layer.className === 'Concatenate' || layer.className === 'Add';
    if (many ? layer.inputs.length < 2 : layer.inputs.length !== 1) b.fail('invalid-model-json', at, `reads ${layer.inputs.length} inputs`);
    values.set(layer.name, convertKerasLayer(b, layer, layer.inputs.map((name) => values.get(name)!), weights(layer.name)));
  }
  if (!values.has(topology.input)) {
    throw new TfjsImportError('invalid-model-json', `${file}: the output layer '${topology.output}' does not depend on the input layer '${topology.input}'`);
  }
  const out = { name: topology.output, label: `output layer '${topology.output}'` };
  return b.finish(options.name ?? topology.name, out, values.get(topology.output)!, options.inputRange ?? DEFAULT_INPUT_RANGE);
}
