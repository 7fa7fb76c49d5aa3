import { getLabelSet, insertLabelSetIfAbsent, listLabels } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { labelSetView, type LabelSetView } from './label-set-view';
import { labelLayersMismatch } from './label-set-fit';
import { requireLabelSet } from './label-sets';
import { storeWrite } from './store-write';

export interface AttachPublishedLabelSetArgs {
  modelId: string;
  labelSetId: string;
}

/** What a copy's params record about where it came from. */
interface AttachedFrom {
  labelSetId: string;
  modelId: string;
}

/**
 * Copies a published label set onto another model whose branches match at every labelled layer (see
 * `labelLayersMismatch`), e.g. the article's InceptionV1 5x5 categories onto an imported Lucid InceptionV1.pb. The copy
 * is `<set id>@<model id>`, source published, same name, author and labels, its params the original's plus
 * `attachedFrom` and a `note` that the categories describe the publication's model. Idempotent: an existing copy is
 * returned as it is. A copy of a copy is a copy of the original. NOT_FOUND for an unknown model or set;
 * BAD_USER_INPUT for a set that is not published, or a model whose layers or branches differ (naming the first
 * difference).
 */
export async function attachPublishedLabelSet(deps: ApiDeps, args: AttachPublishedLabelSetArgs): Promise<LabelSetView> {
  const target = await deps.catalog.require(args.modelId);
  const asked = await requireLabelSet(deps, args.labelSetId);
  if (asked.source !== 'published') {
    throw badInput(`label set '${asked.id}' is a ${asked.source} set; only published sets are attached to other models (create a set on '${target.id}' instead)`);
  }
  if (asked.modelId === target.id) return labelSetView(asked);
  const from = (asked.params.attachedFrom as AttachedFrom | undefined)?.labelSetId;
  const set = from ? await requireLabelSet(deps, from) : asked;
  const id = `${set.id}@${target.id}`;
  const existing = set.modelId === target.id ? set : await getLabelSet(deps.store, id);
  if (existing) return labelSetView(existing);

  const source = await deps.catalog.require(set.modelId);
  const labels = await listLabels(deps.store, set.id);
  const layers = [...new Set(labels.map((l) => l.layer))];
  const mismatch = labelLayersMismatch({ model: source, blocks: deps.catalog.blocks(source) }, { model: target, blocks: deps.catalog.blocks(target) }, layers);
  if (mismatch) throw badInput(`label set '${set.id}' cannot be attached to model '${target.id}': ${mismatch}`);
  const params = {
    ...set.params,
    attachedFrom: { labelSetId: set.id, modelId: set.modelId } satisfies AttachedFrom,
    note:
      `Copied from '${set.id}' (model '${set.modelId}') because model '${target.id}' has the same branches, unit for unit, at ` +
      `${layers.join(', ')}. The categories describe the units of the model the publication studied; they describe this ` +
      "model's units only if it carries that model's trained weights.",
  };
  const copy = { id, modelId: target.id, name: set.name, source: set.source, author: set.author, params };
  await storeWrite(() => insertLabelSetIfAbsent(deps.store, copy, labels.map(({ layer, unit, category, author, at }) => ({ layer, unit, category, author, at }))));
  return labelSetView((await getLabelSet(deps.store, id))!);
}
