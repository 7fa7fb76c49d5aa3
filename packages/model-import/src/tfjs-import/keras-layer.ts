import type { ImportBuilder } from './import-builder';
import { activationName } from './keras-support';
import type { KerasLayer } from './keras-topology';
import type { RawWeight } from './read-tfjs-folder';
import type { Site, TfValue } from './tf-value';
import type { Pads } from './window-padding';

/** Looks up one of a layer's weights by parameter name (`kernel`, `bias`, `gamma`...). */
export type LayerWeight = (param: string, optional?: boolean) => RawWeight | undefined;

const pair = (v: unknown, fallback?: unknown): [number, number] => {
  const value = v ?? fallback;
  return (typeof value === 'number' ? [value, value] : [...(value as [number, number])]) as [number, number];
};
const padding = (c: Record<string, unknown>): 'same' | 'valid' => (c.padding === 'same' ? 'same' : 'valid');

function zeroPads(v: unknown): Pads {
  if (typeof v === 'number') return [v, v, v, v];
  const [a, b] = v as [number | [number, number], number | [number, number]];
  if (typeof a === 'number' && typeof b === 'number') return [a, b, a, b];
  const [[top, bottom], [left, right]] = [pair(a), pair(b)];
  return [top, left, bottom, right];
}

/** Whether `axis` (Keras, counting the batch) is the last axis of a tensor of TF shape `shape`. */
const isLastAxis = (axis: unknown, shape: readonly number[]): boolean => {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : (axis ?? -1);
  return a === -1 || a === shape.length;
};

function activate(b: ImportBuilder, layer: KerasLayer, y: TfValue): TfValue {
  const act = activationName(layer.config.activation);
  if (act === 'linear') return y;
  const op = act === 'relu' ? 'relu' : 'softmax';
  return b.unary({ name: `${layer.name}_${act}`, label: `layer '${layer.name}' (${layer.className}) activation` }, op, y);
}

function required(b: ImportBuilder, at: Site, weight: LayerWeight, param: string): RawWeight {
  return weight(param) ?? b.fail('missing-weight', at, `needs weight '${param}', which the weights manifest lacks`);
}

/** Converts one Keras layer (already known to be supported) whose inputs are `xs`; returns its output. */
export function convertKerasLayer(b: ImportBuilder, layer: KerasLayer, xs: TfValue[], weight: LayerWeight): TfValue {
  const c = layer.config;
  const at: Site = { name: layer.name, label: `layer '${layer.name}' (${layer.className})` };
  const x = xs[0]!;
  const lastAxisOnly = (key: string): void => {
    if (!isLastAxis(c[key], x.shape)) b.fail('unsupported', at, `works on axis ${JSON.stringify(c[key])}; only the last (channel) axis is supported`);
  };
  switch (layer.className) {
    case 'Conv2D':
    case 'DepthwiseConv2D': {
      const depthwise = layer.className === 'DepthwiseConv2D';
      const kernel = required(b, at, weight, depthwise ? 'depthwise_kernel' : 'kernel');
      const bias = c.use_bias === false ? undefined : required(b, at, weight, 'bias');
      const declared = depthwise ? { kernelSize: pair(c.kernel_size) } : { filters: c.filters as number, kernelSize: pair(c.kernel_size), groups: (c.groups as number | undefined) ?? 1 };
      const spec = { kernel, bias, depthwise, declared, strides: pair(c.strides, 1), dilations: pair(c.dilation_rate, 1), padding: padding(c) };
      return activate(b, layer, b.conv(at, x, spec));
    }
    case 'Dense': {
      const bias = c.use_bias === false ? undefined : required(b, at, weight, 'bias');
      return activate(b, layer, b.dense(at, x, required(b, at, weight, 'kernel'), bias));
    }
    case 'Activation': {
      const act = activationName(c.activation);
      return act === 'linear' ? x : b.unary(at, act === 'relu' ? 'relu' : 'softmax', x);
    }
    case 'ReLU':
      return b.unary(at, 'relu', x);
    case 'Softmax':
      lastAxisOnly('axis');
      return b.unary(at, 'softmax', x);
    case 'Dropout':
    case 'SpatialDropout2D':
      return b.unary(at, 'dropout', x);
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const kernel = pair(c.pool_size, 2);
      const spec = { kernel, strides: pair(c.strides, kernel), padding: padding(c) };
      return b.pool(at, layer.className === 'MaxPooling2D' ? 'maxpool' : 'avgpool', x, spec);
    }
    case 'GlobalAveragePooling2D':
      if (c.keepdims === true) b.fail('unsupported', at, 'keeps the pooled dimensions (keepdims); only the default [batch, channels] output is supported');
      return b.globalAvgPool(at, x);
    case 'Concatenate':
      lastAxisOnly('axis');
      return b.concat(at, xs);
    case 'Add':
      return b.sum(at, xs);
    case 'BatchNormalization': {
      lastAxisOnly('axis');
      const n = x.shape[x.shape.length - 1]!;
      const data = (param: string, use: unknown, fill: number): Float32Array => (use === false ? new Float32Array(n).fill(fill) : required(b, at, weight, param).data);
      const params = {
        scale: data('gamma', c.scale, 1),
        bias: data('beta', c.center, 0),
        mean: required(b, at, weight, 'moving_mean').data,
        variance: required(b, at, weight, 'moving_variance').data,
        epsilon: typeof c.epsilon === 'number' ? c.epsilon : 1e-3,
      };
      return b.batchnorm(at, x, params);
    }
    case 'Flatten':
      return b.flatten(at, x);
    case 'ZeroPadding2D':
      return b.zeroPad(at, x, zeroPads(c.padding ?? 1));
    default:
      return b.fail('unsupported', at, 'has no equivalent in the graph model');
  }
}
