import { branchEnrichment, type EnrichmentRow } from '@branchscope/core';
import { listLabels } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { requireLabelSet } from './label-sets';
import { branchesOfLayer } from './layer-branches';
import type { QueryEnrichmentArgs } from '../generated/resolver-types';

/** The schema's `enrichment` arguments, its default `population` (`all-units`) filled in. */
export type EnrichmentArgs = Required<QueryEnrichmentArgs>;

/**
 * Per branch and category of one layer: counts, the exact hypergeometric chance of at least that many in the branch,
 * its log, and Benjamini-Hochberg q-values over all rows, drawing from all units of the layer or its labelled units
 * only (`population`); every row says how many units of its branch and of the layer are labelled.
 * Branches are those of the block whose output is `layer`.
 * Computed from the stored labels on every call, so a new label shows at once.
 * NOT_FOUND for an unknown model or set; BAD_USER_INPUT for a set of another model or a layer without branches.
 */
export async function getEnrichment(deps: ApiDeps, args: EnrichmentArgs): Promise<EnrichmentRow[]> {
  const model = await deps.catalog.require(args.modelId);
  await requireLabelSet(deps, args.labelSetId, model.id);
  const { layer, units, branches } = branchesOfLayer(model, deps.catalog.blocks(model), args.layer);
  const labels = await listLabels(deps.store, args.labelSetId, { layer });
  try {
    return branchEnrichment({ layer, units, branches, labels, population: args.population });
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`model '${model.id}': ${error.message}`, error);
    throw error;
  }
}
