import { smallAlexnetGraph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { laneOf } from './lanes';
import { RENDER_LAYER_JOB, renderLayerDedupeKey, renderLayerInput } from './render-layer';

const graph = smallAlexnetGraph({ branches: 2 });

describe('renderLayerInput', () => {
  it('lists every unit of the layer, with the render defaults', () => {
    const input = renderLayerInput(graph, { modelId: 'm', layer: 'conv2' }, 'wasm');
    const channels = graph.nodes.find((node) => node.name === 'conv2')!.channels;
    expect(input.units).toEqual(Array.from({ length: channels }, (_, unit) => unit));
    expect(input).toMatchObject({ layer: 'conv2', steps: 128, size: 128, seed: 0, backend: 'wasm' });
  });

  it('names an unknown layer with close names, and steps out of range', () => {
    expect(() => renderLayerInput(graph, { modelId: 'm', layer: 'conv22' }, 'wasm')).toThrow(/model 'm' has no layer 'conv22' to render; close names: .*conv2/);
    expect(() => renderLayerInput(graph, { modelId: 'm', layer: 'conv2', steps: 0 }, 'wasm')).toThrow(/steps must be an integer from 1 to 2048, got 0/);
  });

  it('keys a layer by its parameters, not the model id, and runs in the render lane', () => {
    const a = renderLayerDedupeKey('d', renderLayerInput(graph, { modelId: 'a', layer: 'conv2' }, 'wasm'));
    const b = renderLayerDedupeKey('d', renderLayerInput(graph, { modelId: 'b', layer: 'conv2' }, 'wasm'));
    const c = renderLayerDedupeKey('d', renderLayerInput(graph, { modelId: 'a', layer: 'conv2', seed: 1 }, 'wasm'));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(laneOf(RENDER_LAYER_JOB)).toBe('render');
  });
});
