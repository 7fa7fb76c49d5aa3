import type { KerasLayer } from './keras-topology';

/** Keras layer classes the importer converts. */
export const KERAS_LAYERS = new Set([
  'InputLayer',
  'Conv2D',
  'DepthwiseConv2D',
  'Dense',
  'Activation',
  'ReLU',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'Concatenate',
  'Add',
  'BatchNormalization',
  'Flatten',
  'Dropout',
  'SpatialDropout2D',
  'ZeroPadding2D',
  'Softmax',
]);

/** Activations a layer may carry (fused into Conv2D / Dense, or as an Activation layer). */
export const KERAS_ACTIVATIONS = new Set(['linear', 'relu', 'softmax']);

export const activationName = (value: unknown): string => (value === undefined || value === null ? 'linear' : typeof value === 'string' ? value : JSON.stringify(value));

/** Why one layer cannot be imported, or undefined when it can. */
function problem(layer: KerasLayer): string | undefined {
  const c = layer.config;
  if (!KERAS_LAYERS.has(layer.className)) return 'has no equivalent in the graph model';
  if (c.data_format === 'channels_first') return "uses data_format 'channels_first'; only channels_last is supported";
  if ('activation' in c && !KERAS_ACTIVATIONS.has(activationName(c.activation))) {
    return `uses activation '${activationName(c.activation)}'; supported: ${[...KERAS_ACTIVATIONS].join(', ')}`;
  }
  if (layer.className === 'ReLU' && [c.max_value, c.negative_slope, c.threshold].some((v) => v !== undefined && v !== null && v !== 0)) {
    return 'is a capped or leaky ReLU (max_value, negative_slope or threshold set); only the plain ReLU is supported';
  }
  if (c.padding === 'causal') return "uses padding 'causal'";
  return undefined;
}

/** Every layer the importer cannot convert, as `layer 'name' (Class) <why>`, in file order. */
export function unsupportedKerasLayers(layers: readonly KerasLayer[]): string[] {
  return layers.flatMap((layer) => {
    const why = problem(layer);
    return why ? [`layer '${layer.name}' (${layer.className}) ${why}`] : [];
  });
}
