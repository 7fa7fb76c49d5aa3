import type { Branch, BranchedBlock, BranchedModel } from '@branchscope/client';

/** The model the view shows when the URL names none. */
export const DEFAULT_MODEL_ID = 'alexnet';

/** A branch of the grouped block whose input units are known: the slice of the first layer it reads. */
export type InputBranch = Branch & { inputUnits: NonNullable<Branch['inputUnits']> };

/** What the view draws for one model: its first grouped block, the layer that block reads and the block's output. */
export interface AlexNetView {
  model: BranchedModel;
  block: BranchedBlock;
  branches: InputBranch[];
  /** The layer the branches read, e.g. `conv1` (its filters are the weight images). */
  from: string;
  /** The grouped layer, e.g. `conv2` (its units get feature images). */
  to: string;
}

/** Why a model cannot be shown, in the words of an error panel. */
export interface ViewProblem {
  message: string;
  code: 'NOT_FOUND' | 'BAD_USER_INPUT';
  hint: string;
}

/**
 * The view of `model` when it is an AlexNet-family model with a grouped block whose branches all read slices of
 * one layer (BVLC AlexNet's conv2 reading conv1), else null.
 */
export function alexNetView(model: BranchedModel): AlexNetView | null {
  if (model.family !== 'alexnet') return null;
  const block = model.branchedBlocks.find((b) => b.kind === 'GROUPED');
  if (!block || block.branches.length < 2) return null;
  const branches = block.branches.filter((b): b is InputBranch => b.inputUnits !== null);
  const from = branches[0]?.inputUnits.layer;
  if (branches.length !== block.branches.length || from === undefined || branches.some((b) => b.inputUnits.layer !== from)) return null;
  return { model, block, branches, from, to: block.output };
}

/** Every model of the catalogue the view can show, in catalogue order. */
export function alexNetViews(models: BranchedModel[]): AlexNetView[] {
  return models.flatMap((model) => alexNetView(model) ?? []);
}

/**
 * The view of the model `requested` (the default model when null or empty), or the problem naming why it cannot
 * be shown and which models can.
 */
export function resolveAlexNetModel(models: BranchedModel[], requested: string | null): AlexNetView | ViewProblem {
  const id = requested === null || requested.trim() === '' ? DEFAULT_MODEL_ID : requested.trim();
  const views = alexNetViews(models);
  const choices = views.length > 0 ? `Models this view can show: ${views.map((v) => v.model.id).join(', ')}.` : 'The catalogue has no AlexNet-family model with a grouped layer.';
  const model = models.find((m) => m.id === id);
  if (!model) return { message: `no model has id '${id}'`, code: 'NOT_FOUND', hint: choices };
  const view = alexNetView(model);
  if (!view) {
    return {
      message: `model '${id}' (family ${model.family}) has no grouped layer whose branches read slices of one earlier layer, so it has no AlexNet view`,
      code: 'BAD_USER_INPUT',
      hint: choices,
    };
  }
  return view;
}

/** Narrows {@link resolveAlexNetModel}'s answer. */
export function isViewProblem(value: AlexNetView | ViewProblem): value is ViewProblem {
  return 'code' in value;
}
