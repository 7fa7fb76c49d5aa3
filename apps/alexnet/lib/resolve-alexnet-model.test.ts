import type { BranchedBlock, BranchedModel } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { alexNetViews, isViewProblem, resolveAlexNetModel } from './resolve-alexnet-model';

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

function model(id: string, family: string, branchedBlocks: BranchedBlock[]): BranchedModel {
  return { id, name: id, family, inputShape: [3, 224, 224], branchedBlocks };
}

const catalogue = [
  model('alexnet', 'alexnet', [groupedConv2(96, 256)]),
  model('small-alexnet-2b', 'alexnet', [groupedConv2(32, 64)]),
  model('small-alexnet-1b', 'alexnet', []),
  model('inceptionv1', 'inception', [{ ...groupedConv2(8, 8), kind: 'CONCAT' }]),
];

describe('resolveAlexNetModel', () => {
  it('shows alexnet when the URL names no model', () => {
    const view = resolveAlexNetModel(catalogue, null);
    expect(isViewProblem(view) ? view.message : view.model.id).toBe('alexnet');
  });

  it('reads the branches, the layer they read and the grouped layer from the block', () => {
    const view = resolveAlexNetModel(catalogue, 'small-alexnet-2b');
    if (isViewProblem(view)) throw new Error(view.message);
    expect([view.from, view.to]).toEqual(['conv1', 'conv2']);
    expect(view.branches.map((b) => [b.inputUnits.start, b.inputUnits.end])).toEqual([[0, 16], [16, 32]]);
  });

  it('names an unknown model and the models it can show', () => {
    const problem = resolveAlexNetModel(catalogue, 'alexnett');
    expect(problem).toEqual({
      message: "no model has id 'alexnett'",
      code: 'NOT_FOUND',
      hint: 'Models this view can show: alexnet, small-alexnet-2b.',
    });
  });

  it('refuses an AlexNet-family model without a grouped layer, naming it', () => {
    const problem = resolveAlexNetModel(catalogue, 'small-alexnet-1b');
    expect(isViewProblem(problem) && problem.code).toBe('BAD_USER_INPUT');
    expect(isViewProblem(problem) && problem.message).toContain("model 'small-alexnet-1b' (family alexnet) has no grouped layer");
  });
});

describe('alexNetViews', () => {
  it('keeps only AlexNet-family models with a grouped block', () => {
    expect(alexNetViews(catalogue).map((v) => v.model.id)).toEqual(['alexnet', 'small-alexnet-2b']);
  });

  it('leaves out a grouped block whose branches read different layers', () => {
    const block = groupedConv2(96, 256);
    block.branches[1]!.inputUnits = { layer: 'conv1b', start: 0, end: 48 };
    expect(alexNetViews([model('odd', 'alexnet', [block])])).toEqual([]);
  });
});
