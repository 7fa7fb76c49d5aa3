import { TfjsImportError } from './tfjs-import-error';

/** One Keras layer, called once, with the names of the layers whose outputs it reads. */
export interface KerasLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inputs: string[];
}

/** A Keras model reduced to what the importer needs: layers in file order, its input and output layer. */
export interface KerasTopology {
  name: string;
  layers: KerasLayer[];
  input: string;
  output: string;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The layer a Keras 2 inbound entry (`[name, node, tensor, kwargs]`) or a Keras 3 `keras_history` points at. */
function inboundLayers(layer: Json, fail: (problem: string) => never): string[] {
  const nodes = (layer.inbound_nodes ?? []) as unknown[];
  if (!Array.isArray(nodes)) fail('has malformed inbound_nodes');
  if (nodes.length > 1) fail(`is called ${nodes.length} times; shared layers are not supported`);
  if (nodes.length === 0) return [];
  const refs: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') {
      if (v[1] !== 0 || (v[2] ?? 0) !== 0) fail(`reads output ${v[2]} of call ${v[1]} of layer '${v[0]}'; only single-output layers called once are supported`);
      refs.push(v[0]);
    } else if (isRecord(v) && Array.isArray(v.keras_history)) {
      visit(v.keras_history);
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (isRecord(v)) {
      Object.entries(v).forEach(([key, value]) => key !== 'kwargs' && visit(value));
    }
  };
  visit(nodes[0]);
  return refs;
}

function endpoint(value: unknown, which: string, fail: (problem: string) => never): string {
  const list = Array.isArray(value) && Array.isArray(value[0]) ? value : [value];
  if (list.length !== 1) fail(`has ${list.length} ${which} layers; only single-input, single-output models are supported`);
  const ref = list[0] as unknown[];
  return Array.isArray(ref) && typeof ref[0] === 'string' ? ref[0] : fail(`has a malformed ${which}_layers entry`);
}

/** A Sequential model as a functional one: an input layer from the first layer's batch shape, then a chain. */
function sequential(config: unknown, fail: (problem: string) => never): KerasTopology {
  const layers = (Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined) as Json[] | undefined;
  if (!Array.isArray(layers) || layers.length === 0) fail('is a Sequential model without layers');
  const name = isRecord(config) && typeof config.name === 'string' ? config.name : 'sequential';
  const out: KerasLayer[] = [];
  const first = layers[0]!;
  const firstConfig = (first.config ?? {}) as Json;
  if (first.class_name !== 'InputLayer') {
    const shape = firstConfig.batch_input_shape ?? firstConfig.batch_shape;
    if (!shape) fail(`is a Sequential model whose first layer '${String(firstConfig.name)}' declares no batch_input_shape`);
    out.push({ name: `${String(firstConfig.name)}_input`, className: 'InputLayer', config: { batch_input_shape: shape }, inputs: [] });
  }
  for (const layer of layers) {
    const config = (layer.config ?? {}) as Json;
    const prev = out[out.length - 1];
    out.push({ name: String(config.name ?? layer.name), className: String(layer.class_name), config, inputs: prev ? [prev.name] : [] });
  }
  return { name, layers: out, input: out[0]!.name, output: out[out.length - 1]!.name };
}

/**
 * Reads a layers model's `modelTopology` (tfjs-layers, Keras 2 or Keras 3 JSON; functional or Sequential,
 * optionally wrapped in `model_config`). Throws `invalid-model-json` or `unsupported` naming the file.
 */
export function kerasTopology(modelTopology: unknown, file: string): KerasTopology {
  const fail = (problem: string): never => {
    throw new TfjsImportError('invalid-model-json', `${file}: modelTopology ${problem}`);
  };
  const unsupported = (problem: string): never => {
    throw new TfjsImportError('unsupported', `${file}: ${problem}`);
  };
  const top = isRecord(modelTopology) && isRecord(modelTopology.model_config) ? modelTopology.model_config : modelTopology;
  if (!isRecord(top) || typeof top.class_name !== 'string') return fail('has no class_name');
  if (top.class_name === 'Sequential') return sequential(top.config, fail);
  const config = top.config;
  if (!isRecord(config) || !Array.isArray(config.layers)) return fail(`(${top.class_name}) has no config.layers`);
  const layers = (config.layers as Json[]).map((layer, i): KerasLayer => {
    const lc = isRecord(layer.config) ? layer.config : {};
    const name = typeof layer.name === 'string' ? layer.name : typeof lc.name === 'string' ? lc.name : fail(`layer ${i} has no name`);
    const className = typeof layer.class_name === 'string' ? layer.class_name : fail(`layer '${name}' has no class_name`);
    return { name, className, config: lc, inputs: inboundLayers(layer, (p) => unsupported(`layer '${name}' (${className}) ${p}`)) };
  });
  const name = typeof config.name === 'string' ? config.name : 'model';
  const whole = (problem: string): never => unsupported(`model '${name}' ${problem}`);
  return { name, layers, input: endpoint(config.input_layers, 'input', whole), output: endpoint(config.output_layers, 'output', whole) };
}
