import { alexnetGraph, inceptionV1Graph } from '@branchscope/core';
import { contentKey } from '@branchscope/store';
import { describe, expect, it } from 'vitest';
import { FEATURE_IMAGE_ARTIFACT, FEATURE_RENDER_VERSION, featureImageKey, renderFeaturesDedupeKey, type FeatureImageParams } from './render-features';
import { renderFeaturesInput } from './render-request';
import { isFirstConv, weightImageKey } from './weight-images';

const params: FeatureImageParams = { modelDigest: 'd', layer: 'conv2', unit: 3, steps: 128, size: 128, seed: 0, backend: 'wasm', channels: 3 };
const graph = alexnetGraph();

describe('featureImageKey', () => {
  it('names a unit by every parameter it was rendered with, the backend included', () => {
    const keys = new Set(
      [params, { ...params, unit: 4 }, { ...params, seed: 1 }, { ...params, backend: 'cpu' }, { ...params, modelDigest: 'e' }, { ...params, size: 64 }].map(
        featureImageKey,
      ),
    );
    expect(keys.size).toBe(6);
    expect(featureImageKey({ ...params })).toBe(featureImageKey(params));
  });

  // Images of 1 or 3 channels were drawn as they are drawn now: their keys stay. Others had a channel as alpha.
  it('keeps the keys of 1- and 3-channel images, and gives images of other channel counts new ones', () => {
    const { modelDigest, channels: _channels, ...rest } = params;
    const before = contentKey(FEATURE_IMAGE_ARTIFACT, modelDigest, { ...rest, renderVersion: FEATURE_RENDER_VERSION });
    expect(featureImageKey(params)).toBe(before);
    expect(featureImageKey({ ...params, channels: 1 })).toBe(before);
    const others = [2, 4, 5].map((channels) => featureImageKey({ ...params, channels }));
    expect(new Set([before, ...others]).size).toBe(4);
  });

  it('is not the weight image key of the same unit', () => {
    expect(featureImageKey(params)).not.toBe(weightImageKey('d', 'conv2', 3));
  });
});

describe('renderFeaturesInput', () => {
  const request = { modelId: 'alexnet', layer: 'conv2', units: [5, 1, 5] };

  it('fills the batch recipe defaults and sorts distinct units', () => {
    expect(renderFeaturesInput(graph, request, 'wasm')).toEqual({
      modelId: 'alexnet',
      layer: 'conv2',
      units: [1, 5],
      steps: 128,
      size: 128,
      seed: 0,
      backend: 'wasm',
    });
  });

  it('gives the same dedupe key to requests that differ only in unit order and model id', () => {
    const a = renderFeaturesInput(graph, request, 'wasm');
    const b = renderFeaturesInput(graph, { ...request, modelId: 'copy', units: [1, 5] }, 'wasm');
    expect(renderFeaturesDedupeKey('d', a)).toBe(renderFeaturesDedupeKey('d', b));
    expect(renderFeaturesDedupeKey('d', a)).not.toBe(renderFeaturesDedupeKey('d', { ...a, seed: 1 }));
  });

  it('names an unknown layer with close names', () => {
    expect(() => renderFeaturesInput(graph, { ...request, layer: 'conv9' }, 'wasm')).toThrow(
      /^model 'alexnet' has no layer 'conv9' to render; close names: conv\d/,
    );
  });

  it('names a unit the layer does not have', () => {
    expect(() => renderFeaturesInput(graph, { ...request, units: [256] }, 'wasm')).toThrow(
      "layer 'conv2' of model 'alexnet' has 256 units (0..255); unit 256 does not exist",
    );
  });

  it.each([
    [{ units: Array.from({ length: 65 }, (_, i) => i) }, 'at most 64 units per request, got 65'],
    [{ units: [] }, 'units must list at least one unit'],
    [{ size: 513 }, 'size must be an integer from 16 to 512, got 513'],
    [{ steps: 2049 }, 'steps must be an integer from 1 to 2048, got 2049'],
    [{ steps: 0 }, 'steps must be an integer from 1 to 2048, got 0'],
    [{ seed: -1 }, 'seed must be an integer from 0 to 2147483647, got -1'],
  ])('rejects %o: %s', (change, message) => {
    expect(() => renderFeaturesInput(graph, { ...request, ...change }, 'wasm')).toThrow(message);
  });
});

describe('isFirstConv', () => {
  it('accepts the conv fed by the input and refuses convs behind another conv', () => {
    expect(isFirstConv(graph, 'conv1')).toBe(true);
    expect(isFirstConv(graph, 'conv2')).toBe(false);
    expect(isFirstConv(graph, 'relu1')).toBe(false);
    expect(isFirstConv(inceptionV1Graph(), 'conv2d0')).toBe(true);
    expect(isFirstConv(inceptionV1Graph(), 'conv2d1')).toBe(false);
  });
});
