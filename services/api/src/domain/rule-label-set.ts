import { categorizeByRules, DEFAULT_CATEGORY_RULES, type CategoryRules, type NeuronDescriptor } from '@branchscope/core';
import { createLabelSet } from '@branchscope/store';
import type { MutationRuleLabelSetArgs } from '../generated/resolver-types';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { labelSetView, type LabelSetView } from './label-set-view';
import { requireLayer } from './layer-branches';
import { checkText } from './stat-limits';
import { storeWrite } from './store-write';


/** `ruleLabelSet`'s arguments. */
export type RuleLabelSetArgs = MutationRuleLabelSetArgs;

/** Drops the rule fields a GraphQL input left null, so the defaults fill them. */
function givenRules(rules: RuleLabelSetArgs['rules']): Partial<CategoryRules> {
  const given: Partial<Record<keyof CategoryRules, unknown>> = {};
  for (const [key, value] of Object.entries(rules ?? {})) if (value != null) given[key as keyof CategoryRules] = value;
  return given as Partial<CategoryRules>;
}

/**
 * Stores a rule label set for one layer: each described unit gets `color` / `black-and-white` by color index and
 * `low-` / `mid-` / `high-frequency` by spatial frequency, under the given thresholds (defaults otherwise). The
 * descriptors and the thresholds are kept in the set's params, so the set can be remade with other thresholds.
 * BAD_USER_INPUT naming the descriptor for a unit outside the layer, a repeated unit or a value out of range, and
 * naming the threshold for a bad rule.
 */
export async function createRuleLabelSet(deps: ApiDeps, args: RuleLabelSetArgs): Promise<LabelSetView> {
  const model = await deps.catalog.require(args.modelId);
  const node = requireLayer(model, args.layer);
  args.descriptors.forEach((d, i) => {
    if (!Number.isInteger(d.unit) || d.unit < 0 || d.unit >= node.channels) {
      throw badInput(`descriptors[${i}].unit ${d.unit} is out of range for layer '${node.name}', which has ${node.channels} units (0 to ${node.channels - 1})`);
    }
  });
  const descriptors: NeuronDescriptor[] = args.descriptors.map((d) => ({
    layer: node.name,
    unit: d.unit,
    colorIndex: d.colorIndex,
    frequency: d.frequency,
    ...(d.orientation != null ? { orientation: d.orientation } : {}),
  }));
  const rules: CategoryRules = { ...DEFAULT_CATEGORY_RULES, ...givenRules(args.rules) };
  let categorized;
  try {
    categorized = categorizeByRules(descriptors, rules, { modelId: model.id });
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`model '${model.id}': ${error.message}`, error);
    throw error;
  }
  const name = args.name == null ? `${node.name}: ${categorized.name}` : checkText('name', args.name);
  const author = args.author == null ? 'rules' : checkText('author', args.author);
  const params = { layer: node.name, rules: { ...rules, dimensions: [...rules.dimensions] }, descriptors };
  const set = await storeWrite(() => createLabelSet(deps.store, { modelId: model.id, name, source: 'rule', author, params }, categorized.labels));
  return labelSetView(set);
}
