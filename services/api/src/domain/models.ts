import type { ModelRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { modelView, type ModelView } from './model-view';

/**
 * Views by model id and creation time: a stored model's graph never changes (one re-registered under the same id
 * has a new creation time; its name and weights record are taken from the row each time), and deriving a view walks the whole graph (its first layer, the views that can show
 * it), which took 100 ms per `models` request over the built-in ResNets.
 */
const views = new WeakMap<ApiDeps, Map<string, ModelView>>();

function cachedView(deps: ApiDeps, model: ModelRecord): ModelView {
  let byKey = views.get(deps);
  if (!byKey) views.set(deps, (byKey = new Map()));
  const key = `${model.id}@${model.createdAt}`;
  let view = byKey.get(key);
  if (!view) byKey.set(key, (view = modelView(model, deps.catalog.blocks(model))));
  // A model's name and weights record may be rewritten in place (renamed built-ins): those come from the row.
  return { ...view, name: model.name, storedWeights: model.weights };
}

/** Every stored model, by id. */
export async function listModelViews(deps: ApiDeps): Promise<ModelView[]> {
  const models = await deps.catalog.list();
  return models.map((model) => cachedView(deps, model));
}

/** One model, or null when no model has this id. */
export async function findModelView(deps: ApiDeps, id: string): Promise<ModelView | null> {
  const model = await deps.catalog.find(id);
  return model ? cachedView(deps, model) : null;
}
