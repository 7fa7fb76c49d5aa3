import { createLabelSet, getLabelSet, listLabels, listLabelSets, type LabelSetRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput, notFound } from './api-error';
import { labelSetView, labelView, type LabelSetView, type LabelView } from './label-set-view';
import { checkText } from './stat-limits';
import { storeWrite } from './store-write';

/** The label set, or a NOT_FOUND naming the id; with `modelId`, a BAD_USER_INPUT when it belongs to another model. */
export async function requireLabelSet(deps: ApiDeps, id: string, modelId?: string): Promise<LabelSetRecord> {
  const set = await getLabelSet(deps.store, id);
  if (!set) throw notFound(`no label set with id '${id}'`);
  if (modelId !== undefined && set.modelId !== modelId) {
    throw badInput(`label set '${id}' labels model '${set.modelId}', not '${modelId}'`);
  }
  return set;
}

/** The label sets of a model, oldest first; NOT_FOUND for an unknown model. */
export async function listLabelSetViews(deps: ApiDeps, modelId: string): Promise<LabelSetView[]> {
  const model = await deps.catalog.require(modelId);
  return (await listLabelSets(deps.store, { modelId: model.id })).map(labelSetView);
}

/** One label set, or null. */
export async function findLabelSetView(deps: ApiDeps, id: string): Promise<LabelSetView | null> {
  const set = await getLabelSet(deps.store, id);
  return set ? labelSetView(set) : null;
}

/** A set's labels by layer and unit, optionally of one layer. */
export async function listLabelViews(deps: ApiDeps, labelSetId: string, layer?: string | null): Promise<LabelView[]> {
  return (await listLabels(deps.store, labelSetId, layer == null ? {} : { layer })).map(labelView);
}

export interface CreateLabelSetArgs {
  modelId: string;
  name: string;
  author: string;
}

/** A new, empty human label set of a model. NOT_FOUND for an unknown model; BAD_USER_INPUT for a blank name or author. */
export async function createHumanLabelSet(deps: ApiDeps, args: CreateLabelSetArgs): Promise<LabelSetView> {
  const model = await deps.catalog.require(args.modelId);
  const name = checkText('name', args.name);
  const author = checkText('author', args.author);
  return labelSetView(await storeWrite(() => createLabelSet(deps.store, { modelId: model.id, name, source: 'human', author })));
}
