import { removeUnitLabel, setUnitLabel } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { labelView, type LabelView } from './label-set-view';
import { requireLabelSet } from './label-sets';
import { checkText } from './stat-limits';
import { storeWrite } from './store-write';
import type { MutationRemoveLabelArgs } from '../generated/resolver-types';

export interface LabelUnitArgs {
  labelSetId: string;
  layer: string;
  unit: number;
  category: string;
  author: string;
}

/**
 * Gives one unit of a human label set its category, replacing its previous label, with who and when.
 * NOT_FOUND for an unknown set; BAD_USER_INPUT (naming the layer, unit and limit) for a layer the model lacks, a unit
 * outside the layer, a set that is not human, or a blank category or author. Nothing is stored on error.
 */
export async function labelUnit(deps: ApiDeps, args: LabelUnitArgs): Promise<LabelView> {
  await requireLabelSet(deps, args.labelSetId);
  const category = checkText('category', args.category);
  const author = checkText('author', args.author);
  const label = await storeWrite(() => setUnitLabel(deps.store, args.labelSetId, { layer: args.layer, unit: args.unit, category, author }));
  return labelView(label);
}

/** The schema's `removeLabel` arguments. */
export type RemoveLabelArgs = MutationRemoveLabelArgs;

/** Removes one unit's label from a human set; true when it had one. Errors as for {@link labelUnit}. */
export async function removeLabel(deps: ApiDeps, args: RemoveLabelArgs): Promise<boolean> {
  await requireLabelSet(deps, args.labelSetId);
  return (await storeWrite(() => removeUnitLabel(deps.store, args.labelSetId, args.layer, args.unit))) > 0;
}
