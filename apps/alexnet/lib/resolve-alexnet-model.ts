import type { ModelDetail, ModelSummary } from '@branchscope/client';
import { firstUnits } from './branch-units';

/** The model the view shows when the URL names none. */
export const DEFAULT_MODEL_ID = 'alexnet';

/** Units of the next layer rendered per feature column. */
export const FEATURE_UNITS_PER_COLUMN = 4;

/**
 * How the first layer pair is branched: `grouped` (the next conv is grouped, each group reading a slice of the first
 * layer: BVLC AlexNet), `first-layer-split` (the first layer is N parallel convs joined by a Concat), `unbranched`
 * (one first conv feeding one conv: the controls).
 */
export type AlexNetLayout = 'grouped' | 'first-layer-split' | 'unbranched';

/** A half-open range of unit indices, [start, end). */
export interface UnitSpan {
  start: number;
  end: number;
}

/** One column of first-layer filters: the units of `from` one branch reads or holds, and where their filters are. */
export interface FilterColumn {
  /** Branch index (0 when unbranched): the column's colour and its group in the scatter. */
  index: number;
  title: string;
  /** What ties the column's units together, e.g. `feeds conv2 branch 0` or `conv1/b2` (its own conv). */
  relation: string;
  /** The column's units of `from`. */
  units: UnitSpan;
  /** The first conv whose filters these are (`from` itself, or the branch's own conv in a split first layer). */
  filterLayer: string;
  /** The unit of `from` that `filterLayer`'s unit 0 is. */
  filterOffset: number;
}

/** One column of feature images of `to`. */
export interface FeatureColumn {
  index: number;
  title: string;
  units: number[];
}

/** What the view draws for one model: the first layer pair, its filter columns and its feature columns. */
export interface AlexNetView {
  model: ModelDetail;
  layout: AlexNetLayout;
  /** The first layer, e.g. `conv1` (its filters are the weight images). */
  from: string;
  /** The conv it feeds, e.g. `conv2` (its units get feature images). */
  to: string;
  columns: FilterColumn[];
  featureColumns: FeatureColumn[];
}

/** Why a model cannot be shown, in the words of an error panel. */
export interface ViewProblem {
  message: string;
  code: 'NOT_FOUND' | 'BAD_USER_INPUT';
  hint: string;
}

/** The catalogue's models the API says this view can show, in catalogue order. */
export function alexNetChoices(models: ModelSummary[]): ModelSummary[] {
  return models.filter((model) => model.views.includes('ALEXNET'));
}

/** The view of `model`, or null when the API gives it no AlexNet view or its layers do not add up. */
export function alexNetView(model: ModelDetail): AlexNetView | null {
  const pair = model.firstLayerPair;
  if (pair === null || !model.views.includes('ALEXNET')) return null;
  const unitsOf = (name: string) => model.layers.find((layer) => layer.name === name)?.units;
  const fromUnits = unitsOf(pair.from);
  const toUnits = unitsOf(pair.to);
  if (fromUnits === undefined || toUnits === undefined) return null;
  const { from, to } = pair;
  const base = { model, from, to };

  const grouped = model.branchedBlocks.find((block) => block.kind === 'GROUPED' && block.output === to);
  if (grouped) {
    const columns: FilterColumn[] = [];
    for (const branch of grouped.branches) {
      if (branch.inputUnits?.layer !== from) return null;
      const { start, end } = branch.inputUnits;
      columns.push({ index: branch.index, title: `Branch ${branch.index}`, relation: `feeds ${to} branch ${branch.index}`, units: { start, end }, filterLayer: from, filterOffset: 0 });
    }
    const featureColumns = grouped.branches.map((branch) => ({
      index: branch.index,
      title: `Branch ${branch.index}`,
      units: firstUnits(branch.units, FEATURE_UNITS_PER_COLUMN),
    }));
    return { ...base, layout: 'grouped', columns, featureColumns };
  }

  const single: FeatureColumn[] = [{ index: 0, title: `${to}, reading all of ${from}`, units: firstUnits({ start: 0, end: toUnits }, FEATURE_UNITS_PER_COLUMN) }];
  const split = model.branchedBlocks.find((block) => block.kind === 'CONCAT' && block.output === from);
  if (split) {
    const columns = split.branches.map((branch) => ({
      index: branch.index,
      title: `Branch ${branch.index}`,
      relation: branch.layers[0] ?? branch.name,
      units: { start: branch.units.start, end: branch.units.end },
      filterLayer: branch.layers[0] ?? from,
      filterOffset: branch.units.start,
    }));
    return { ...base, layout: 'first-layer-split', columns, featureColumns: single };
  }
  const whole: FilterColumn = { index: 0, title: `${from}, no branches`, relation: `feeds all of ${to}`, units: { start: 0, end: fromUnits }, filterLayer: from, filterOffset: 0 };
  return { ...base, layout: 'unbranched', columns: [whole], featureColumns: single };
}

/** The hint an error panel gives: the models this view can show. */
export function choicesHint(choices: ModelSummary[]): string {
  return choices.length > 0
    ? `Models this view can show: ${choices.map((m) => m.id).join(', ')}.`
    : 'The catalogue has no model with a first conv layer feeding one conv (and no deeper Concat or residual blocks).';
}

/**
 * The view of the model `requested` (the default model when null or empty), given the catalogue and the requested
 * model's details (null when the catalogue has no such id), or the problem naming why it cannot be shown.
 */
export function resolveAlexNetModel(models: ModelSummary[], detail: ModelDetail | null, requested: string | null): AlexNetView | ViewProblem {
  const id = requested === null || requested.trim() === '' ? DEFAULT_MODEL_ID : requested.trim();
  const hint = choicesHint(alexNetChoices(models));
  if (detail === null) return { message: `no model has id '${id}'`, code: 'NOT_FOUND', hint };
  const view = alexNetView(detail);
  if (!view) {
    const views = detail.views.length > 0 ? `its views: ${detail.views.join(', ')}` : 'no view shows it';
    return {
      message: `model '${id}' has no first conv layer feeding one conv with nothing but grouped convs or a split first layer for branches, that conv in at most 8 groups of two or more units, so it has no AlexNet view (${views})`,
      code: 'BAD_USER_INPUT',
      hint,
    };
  }
  return view;
}

/** Narrows {@link resolveAlexNetModel}'s answer. */
export function isViewProblem(value: AlexNetView | ViewProblem): value is ViewProblem {
  return 'code' in value;
}
