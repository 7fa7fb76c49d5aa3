import type { BranchedBlock, Layer, ModelDetail, ViewKind } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { alexNetChoices, alexNetView, isViewProblem, resolveAlexNetModel } from './resolve-alexnet-model';

const layer = (name: string, units: number): Layer => ({ name, op: 'conv', units, inputs: [], kernel: null, strides: null, group: null });

function groupedConv2(fromUnits: number, toUnits: number): BranchedBlock {
  const half = (n: number) => n / 2;
  return {
    name: 'conv2',
    kind: 'GROUPED',
    output: 'conv2',
    branches: [0, 1].map((index) => ({
      index,
      name: `conv2/group${index}`,
      layers: ['conv2'],
      units: { layer: 'conv2', start: index * half(toUnits), end: (index + 1) * half(toUnits) },
      inputUnits: { layer: 'conv1', start: index * half(fromUnits), end: (index + 1) * half(fromUnits) },
    })),
  };
}

const splitConv1: BranchedBlock = {
  name: 'conv1',
  kind: 'CONCAT',
  output: 'conv1',
  branches: [0, 1, 2, 3].map((index) => ({
    index,
    name: `conv1/b${index}`,
    layers: [`conv1/b${index}`],
    units: { layer: 'conv1', start: 8 * index, end: 8 * (index + 1) },
    inputUnits: null,
  })),
};

function model(id: string, views: ViewKind[], blocks: BranchedBlock[], sizes: [number, number] = [32, 64]): ModelDetail {
  return {
    id,
    name: id,
    family: 'alexnet',
    inputShape: [3, 32, 32],
    weights: { kind: 'SEEDED_RANDOM', seed: 1, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: '' },
    views,
    firstLayerPair: views.includes('ALEXNET') ? { from: 'conv1', to: 'conv2' } : null,
    layers: [layer('conv1', sizes[0]), layer('conv2', sizes[1])],
    branchedBlocks: blocks,
  };
}

const alexnet = model('alexnet', ['ALEXNET'], [groupedConv2(96, 256)], [96, 256]);
const control = model('demo-small-alexnet-1b', ['ALEXNET'], []);
const split = model('demo-split-first-layer-4b', ['ALEXNET', 'INCEPTION'], [splitConv1]);
const inception = model('inceptionv1', ['INCEPTION'], []);
const catalogue = [alexnet, control, split, inception];

describe('alexNetView', () => {
  it('splits a grouped next layer into its branches, each reading its slice of the first layer', () => {
    const view = alexNetView(alexnet)!;
    expect(view.layout).toBe('grouped');
    expect(view.columns.map((c) => [c.units.start, c.units.end, c.filterLayer, c.relation])).toEqual([
      [0, 48, 'conv1', 'feeds conv2 branch 0'],
      [48, 96, 'conv1', 'feeds conv2 branch 1'],
    ]);
    expect(view.featureColumns.map((c) => c.units)).toEqual([
      [0, 1, 2, 3],
      [128, 129, 130, 131],
    ]);
  });

  it('draws an unbranched control as one column, with one column of next-layer features', () => {
    const view = alexNetView(control)!;
    expect(view.layout).toBe('unbranched');
    expect(view.columns).toEqual([expect.objectContaining({ index: 0, units: { start: 0, end: 32 }, filterLayer: 'conv1' })]);
    expect(view.featureColumns).toEqual([expect.objectContaining({ index: 0, units: [0, 1, 2, 3] })]);
  });

  it('draws a first layer split into 4 convs as 4 columns, each with its own conv and offset', () => {
    const view = alexNetView(split)!;
    expect(view.layout).toBe('first-layer-split');
    expect(view.columns.map((c) => [c.index, c.filterLayer, c.filterOffset, c.units.end])).toEqual([
      [0, 'conv1/b0', 0, 8],
      [1, 'conv1/b1', 8, 16],
      [2, 'conv1/b2', 16, 24],
      [3, 'conv1/b3', 24, 32],
    ]);
    expect(view.featureColumns).toHaveLength(1);
  });

  it('has no view of a model the API gives no AlexNet view', () => {
    expect(alexNetView(inception)).toBeNull();
  });
});

describe('resolveAlexNetModel', () => {
  it('shows alexnet when the URL names no model', () => {
    const view = resolveAlexNetModel(catalogue, alexnet, null);
    expect(isViewProblem(view) ? view.message : view.model.id).toBe('alexnet');
  });

  it('names an unknown model and the models it can show', () => {
    expect(resolveAlexNetModel(catalogue, null, 'alexnett')).toEqual({
      message: "no model has id 'alexnett'",
      code: 'NOT_FOUND',
      hint: 'Models this view can show: alexnet, demo-small-alexnet-1b, demo-split-first-layer-4b.',
    });
  });

  it('refuses a model without an AlexNet view, naming its views', () => {
    const problem = resolveAlexNetModel(catalogue, inception, 'inceptionv1');
    expect(isViewProblem(problem) && problem.code).toBe('BAD_USER_INPUT');
    expect(isViewProblem(problem) && problem.message).toMatch(/^model 'inceptionv1' has no first conv layer .* \(its views: INCEPTION\)$/);
  });
});

describe('alexNetChoices', () => {
  it('keeps the models the API gives an AlexNet view, in catalogue order', () => {
    expect(alexNetChoices(catalogue).map((m) => m.id)).toEqual(['alexnet', 'demo-small-alexnet-1b', 'demo-split-first-layer-4b']);
  });
});
